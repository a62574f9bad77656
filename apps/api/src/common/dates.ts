// Dates in the parks' time zone live in the domain (the console and the tests need them too).
export { isoDateInChina, PARK_TIME_ZONE } from '@qifu/domain';
