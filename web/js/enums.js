// The enumerations of docs/api.md, in display order.

export const ELDERLY_KINDS = [
  'elderly_institution',
  'community_complex',
  'day_care_center',
  'regional_center',
  'mutual_aid_point',
  'meal_point',
  'home_bed_provider',
];
export const CHILDCARE_KINDS = ['childcare_institution', 'family_childcare_point', 'kindergarten_nursery'];
export const KINDS = [...ELDERLY_KINDS, ...CHILDCARE_KINDS];
export const isChildcare = (kind) => CHILDCARE_KINDS.includes(kind);

export const OWNERSHIP = ['public', 'private', 'state_owned'];
export const OPERATION = ['public_run', 'public_private', 'private_run'];
export const PROFIT = ['nonprofit', 'forprofit'];
export const FILING = ['unfiled', 'pending', 'filed', 'rejected', 'revoked'];
export const CLASS_TYPES = ['infant', 'toddler_small', 'toddler_large', 'mixed'];
export const ROLES = ['admin', 'city_official', 'county_official', 'dept_official', 'operator', 'readonly', 'family', 'visitor', 'township_official', 'inspector'];
export const METRICS = [
  'residents',
  'urban_residents',
  'registered',
  'households',
  'aged_60',
  'aged_65',
  'aged_80',
  'children_0_3',
  'aged_0_14',
  'family_households',
  'family_household_persons',
];
export const SORTS = ['name', '-name', '-beds', 'beds', '-slots', 'slots', 'opened_on', 'id'];

export const CAPACITY_ELDERLY = ['beds', 'nursing_beds', 'occupied_beds', 'affordable_beds'];
export const CAPACITY_CHILDCARE = ['slots', 'affordable_slots', 'enrolled'];

export const TRANSFER_KINDS = ['regions', 'population', 'facilities', 'payees'];
export const TRANSFER_COLUMNS = {
  regions: 'code,name,level,kind,parent,source',
  payees: 'owner_kind,id_number,facility_id,bank,branch,account_number,account_kind,holder_name,holder_relation,holder_id_number',
  population: 'region,year,metric,value,source',
  facilities:
    '[id,]name,kind,region,credit_code,address,lat,lon,ownership,operation,profit,medical_integration,internal_clinic,filing_status,filing_date,credit_commitment,opened_on,closed_on,closed_reason,caregivers,capacity_date,beds,nursing_beds,occupied_beds,slots,affordable_slots,enrolled,classes',
};
