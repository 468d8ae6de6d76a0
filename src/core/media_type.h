/*
 * The media types of the files the platform hands out, written once: a
 * misspelt type makes a browser save a workbook as an unknown file.
 */
#ifndef LX_CORE_MEDIA_TYPE_H
#define LX_CORE_MEDIA_TYPE_H

#define MEDIA_TYPE_XLSX                                                        \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#endif
