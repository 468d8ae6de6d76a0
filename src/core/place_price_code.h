/*
 * The codes a price is posted under (finding a place), each with the
 * Chinese label people read: bed types (standard 普通床位, nursing 护理型床位:
 * the registry's two bed counts), care levels (selfcare 自理, partly 半失能,
 * disabled 失能: the levels the capacity entry counts residents by), the
 * childcare class types of core/facility.h, and the childcare modes
 * 全日托 / 半日托 (004 line 149). Pure.
 */
#ifndef LX_CORE_PLACE_PRICE_CODE_H
#define LX_CORE_PLACE_PRICE_CODE_H

/* The label of code under kind (enum place_price_kind), or NULL when the
 * code is not one of the kind's. */
const char *place_price_code_label(int kind, const char *code);

/* The label of a childcare mode ("full_day", "half_day"), or NULL. */
const char *place_price_mode_label(const char *mode);

/* The label of a kind: 床位费, 护理费, 保育费; "" when unknown. */
const char *place_price_kind_label(int kind);

/* Does the kind apply to a facility of facility kind fk: bed and care
 * prices to elderly institutions, class prices to childcare kinds? */
int place_price_kind_fits(int kind, int fk);

#endif
