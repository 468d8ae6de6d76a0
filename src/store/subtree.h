/* Subtree ranges over hierarchical division codes: the descendants of a code
 * are the codes between its significant prefix padded with 0s and with 9s,
 * so a subtree query is an index range scan. */
#ifndef LX_STORE_SUBTREE_H
#define LX_STORE_SUBTREE_H

/* Fills lo and hi (13 bytes each) for the subtree of code; an empty or NULL
 * code gives the whole range. */
void subtree_range(const char *code, char lo[13], char hi[13]);

#endif
