/**
 * Geographic NANP area codes of the United States (with DC and the territories) and Canada →
 * the state/province they serve and every IANA time zone observed inside them.
 *
 * Source: NANPA area code assignments (nationalnanpa.com, "NPA Database / Area Codes by
 * Geographic Region") and CNA for Canada (cnac.ca "Area Codes by Province"), compiled for
 * rules 2026-11-27.1; time zones from the IANA tz database zone descriptions (zone1970.tab)
 * and the US DOT time zone boundaries (49 CFR part 71).
 * The spec `location.spec.ts` checks this table against libphonenumber-js's list of valid
 * NANP area codes, so a new overlay shows up as a failing test rather than as a silent "unknown".
 *
 * An area code split across zones lists every zone; the engine then takes the intersection of
 * their windows. Communities that keep a neighbour's time unofficially are included when they
 * are sizeable (Phenix City AL, West Wendover NV, Lloydminster SK). Kenton OK (580) is not.
 * Non-geographic codes (toll-free 8XX, 5XX personal communications, 600, 900, …) are left out
 * on purpose: they say nothing about where the phone is, so the engine treats them as unknown.
 */

const ET = 'America/New_York';
const DETROIT = 'America/Detroit';
const INDIANA = 'America/Indiana/Indianapolis';
const CT = 'America/Chicago';
const MENOMINEE = 'America/Menominee';
const MT = 'America/Denver';
const BOISE = 'America/Boise';
const AZ = 'America/Phoenix';
const PT = 'America/Los_Angeles';
const AK = 'America/Anchorage';
const ALEUTIAN = 'America/Adak';
const HI = 'Pacific/Honolulu';

const VANCOUVER = 'America/Vancouver';
const EDMONTON = 'America/Edmonton';
const CRESTON = 'America/Creston';
const DAWSON_CREEK = 'America/Dawson_Creek';
const FORT_NELSON = 'America/Fort_Nelson';
const REGINA = 'America/Regina';
const WINNIPEG = 'America/Winnipeg';
const TORONTO = 'America/Toronto';
const ATIKOKAN = 'America/Atikokan';
const HALIFAX = 'America/Halifax';
const BLANC_SABLON = 'America/Blanc-Sablon';
const MONCTON = 'America/Moncton';
const ST_JOHNS = 'America/St_Johns';
const GOOSE_BAY = 'America/Goose_Bay';

export type NanpCountry = 'US' | 'CA';

interface AreaCodeGroup {
  country: NanpCountry;
  regions: readonly string[];
  timezones: readonly string[];
  codes: string;
  note?: string;
}

const GROUPS: readonly AreaCodeGroup[] = [
  // United States
  { country: 'US', regions: ['AL'], timezones: [CT], codes: '205 251 256 659 938' },
  { country: 'US', regions: ['AL'], timezones: [CT, ET], codes: '334', note: 'Phenix City area keeps Eastern time' },
  { country: 'US', regions: ['AK'], timezones: [AK, ALEUTIAN], codes: '907', note: 'Aleutians west of 169°30′ are Hawaii-Aleutian' },
  { country: 'US', regions: ['AZ'], timezones: [AZ], codes: '480 520 602 623' },
  { country: 'US', regions: ['AZ'], timezones: [AZ, MT], codes: '928', note: 'Navajo Nation observes DST' },
  { country: 'US', regions: ['AR'], timezones: [CT], codes: '327 479 501 870' },
  {
    country: 'US',
    regions: ['CA'],
    timezones: [PT],
    codes:
      '209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951',
  },
  { country: 'US', regions: ['CO'], timezones: [MT], codes: '303 719 720 748 970 983' },
  { country: 'US', regions: ['CT'], timezones: [ET], codes: '203 475 860 959' },
  { country: 'US', regions: ['DE'], timezones: [ET], codes: '302' },
  { country: 'US', regions: ['DC'], timezones: [ET], codes: '202 771' },
  {
    country: 'US',
    regions: ['FL'],
    timezones: [ET],
    codes: '239 305 321 324 352 386 407 561 645 656 689 727 728 754 772 786 813 863 904 941 954',
  },
  { country: 'US', regions: ['FL'], timezones: [CT, ET], codes: '448 850', note: 'panhandle west of the Apalachicola is Central' },
  { country: 'US', regions: ['GA'], timezones: [ET], codes: '229 404 470 478 678 706 762 770 912 943' },
  { country: 'US', regions: ['HI'], timezones: [HI], codes: '808' },
  { country: 'US', regions: ['ID'], timezones: [BOISE, PT], codes: '208 986', note: 'panhandle is Pacific' },
  {
    country: 'US',
    regions: ['IL'],
    timezones: [CT],
    codes: '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872',
  },
  { country: 'US', regions: ['IN'], timezones: [INDIANA], codes: '260 317 463 765' },
  { country: 'US', regions: ['IN'], timezones: [CT], codes: '219' },
  { country: 'US', regions: ['IN'], timezones: [INDIANA, CT], codes: '574 812 930', note: 'Starke, Perry and the SW corner are Central' },
  { country: 'US', regions: ['IA'], timezones: [CT], codes: '319 515 563 641 712' },
  { country: 'US', regions: ['KS'], timezones: [CT], codes: '316 913' },
  { country: 'US', regions: ['KS'], timezones: [CT, MT], codes: '620 785', note: 'four western counties are Mountain' },
  { country: 'US', regions: ['KY'], timezones: [ET], codes: '502 859' },
  { country: 'US', regions: ['KY'], timezones: [CT, ET], codes: '270 364 606' },
  { country: 'US', regions: ['LA'], timezones: [CT], codes: '225 318 337 504 985' },
  { country: 'US', regions: ['ME'], timezones: [ET], codes: '207' },
  { country: 'US', regions: ['MD'], timezones: [ET], codes: '227 240 301 410 443 667' },
  { country: 'US', regions: ['MA'], timezones: [ET], codes: '339 351 413 508 617 774 781 857 978' },
  { country: 'US', regions: ['MI'], timezones: [DETROIT], codes: '231 248 269 313 517 586 616 734 810 947 989' },
  { country: 'US', regions: ['MI'], timezones: [DETROIT, MENOMINEE], codes: '906', note: 'four UP counties on Wisconsin are Central' },
  { country: 'US', regions: ['MN'], timezones: [CT], codes: '218 320 507 612 651 763 952' },
  { country: 'US', regions: ['MS'], timezones: [CT], codes: '228 601 662 769' },
  { country: 'US', regions: ['MO'], timezones: [CT], codes: '235 314 417 557 573 636 660 816 975' },
  { country: 'US', regions: ['MT'], timezones: [MT], codes: '406' },
  { country: 'US', regions: ['NE'], timezones: [CT], codes: '402 531' },
  { country: 'US', regions: ['NE'], timezones: [CT, MT], codes: '308', note: 'panhandle is Mountain' },
  { country: 'US', regions: ['NV'], timezones: [PT], codes: '702 725' },
  { country: 'US', regions: ['NV'], timezones: [PT, MT], codes: '775', note: 'West Wendover is Mountain' },
  { country: 'US', regions: ['NH'], timezones: [ET], codes: '603' },
  { country: 'US', regions: ['NJ'], timezones: [ET], codes: '201 551 609 640 732 848 856 862 908 973' },
  { country: 'US', regions: ['NM'], timezones: [MT], codes: '505 575' },
  {
    country: 'US',
    regions: ['NY'],
    timezones: [ET],
    codes: '212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934',
  },
  { country: 'US', regions: ['NC'], timezones: [ET], codes: '252 336 472 704 743 828 910 919 980 984' },
  { country: 'US', regions: ['ND'], timezones: [CT, MT], codes: '701', note: 'southwest is Mountain' },
  { country: 'US', regions: ['OH'], timezones: [ET], codes: '216 220 234 283 326 330 380 419 440 513 567 614 740 937' },
  { country: 'US', regions: ['OK'], timezones: [CT], codes: '405 539 572 580 918' },
  { country: 'US', regions: ['OR'], timezones: [PT], codes: '503 971' },
  { country: 'US', regions: ['OR'], timezones: [PT, BOISE], codes: '458 541', note: 'Malheur County is Mountain' },
  {
    country: 'US',
    regions: ['PA'],
    timezones: [ET],
    codes: '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878',
  },
  { country: 'US', regions: ['RI'], timezones: [ET], codes: '401' },
  { country: 'US', regions: ['SC'], timezones: [ET], codes: '803 821 839 843 854 864' },
  { country: 'US', regions: ['SD'], timezones: [CT, MT], codes: '605', note: 'west river is Mountain' },
  { country: 'US', regions: ['TN'], timezones: [CT], codes: '615 629 731 901' },
  { country: 'US', regions: ['TN'], timezones: [ET], codes: '865' },
  { country: 'US', regions: ['TN'], timezones: [ET, CT], codes: '423 931', note: 'the Cumberland Plateau line splits both' },
  {
    country: 'US',
    regions: ['TX'],
    timezones: [CT],
    codes:
      '210 214 254 281 325 346 361 409 430 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979',
  },
  { country: 'US', regions: ['TX'], timezones: [MT], codes: '915' },
  { country: 'US', regions: ['TX'], timezones: [CT, MT], codes: '432', note: 'Culberson/Hudspeth edge keeps Mountain' },
  { country: 'US', regions: ['UT'], timezones: [MT], codes: '385 435 801' },
  { country: 'US', regions: ['VT'], timezones: [ET], codes: '802' },
  { country: 'US', regions: ['VA'], timezones: [ET], codes: '276 434 540 571 686 703 757 804 826 948' },
  { country: 'US', regions: ['WA'], timezones: [PT], codes: '206 253 360 425 509 564' },
  { country: 'US', regions: ['WV'], timezones: [ET], codes: '304 681' },
  { country: 'US', regions: ['WI'], timezones: [CT], codes: '262 274 353 414 534 608 715 920' },
  { country: 'US', regions: ['WY'], timezones: [MT], codes: '307' },
  { country: 'US', regions: ['PR'], timezones: ['America/Puerto_Rico'], codes: '787 939' },
  { country: 'US', regions: ['VI'], timezones: ['America/St_Thomas'], codes: '340' },
  { country: 'US', regions: ['GU'], timezones: ['Pacific/Guam'], codes: '671' },
  { country: 'US', regions: ['MP'], timezones: ['Pacific/Saipan'], codes: '670' },
  { country: 'US', regions: ['AS'], timezones: ['Pacific/Pago_Pago'], codes: '684' },

  // Canada
  { country: 'CA', regions: ['BC'], timezones: [VANCOUVER], codes: '604' },
  {
    country: 'CA',
    regions: ['BC'],
    timezones: [VANCOUVER, EDMONTON, CRESTON, DAWSON_CREEK, FORT_NELSON],
    codes: '236 250 257 672 778',
    note: 'East Kootenay is Mountain; Creston and the northeast stay on MST all year',
  },
  { country: 'CA', regions: ['AB'], timezones: [EDMONTON], codes: '368 403 587 780 825' },
  {
    country: 'CA',
    regions: ['SK'],
    timezones: [REGINA, EDMONTON, WINNIPEG],
    codes: '306 474 639',
    note: 'Lloydminster keeps Alberta time, Creighton keeps Manitoba time',
  },
  { country: 'CA', regions: ['MB'], timezones: [WINNIPEG], codes: '204 431 584' },
  {
    country: 'CA',
    regions: ['ON'],
    timezones: [TORONTO],
    codes: '226 249 273 289 343 365 382 416 437 519 548 613 647 683 705 742 753 905 942',
    note: '273 is a recent southwestern Ontario overlay: verify against CNA',
  },
  { country: 'CA', regions: ['ON'], timezones: [TORONTO, WINNIPEG, ATIKOKAN], codes: '807', note: 'Kenora district is Central' },
  { country: 'CA', regions: ['QC'], timezones: [TORONTO], codes: '263 354 438 450 468 514 579 819 873' },
  {
    country: 'CA',
    regions: ['QC'],
    timezones: [TORONTO, HALIFAX, BLANC_SABLON],
    codes: '367 418 581',
    note: 'Magdalen Islands are Atlantic; the Lower North Shore stays on AST all year',
  },
  { country: 'CA', regions: ['NB'], timezones: [MONCTON], codes: '428 506' },
  { country: 'CA', regions: ['NS', 'PE'], timezones: [HALIFAX], codes: '782 902' },
  { country: 'CA', regions: ['NL'], timezones: [ST_JOHNS, GOOSE_BAY], codes: '709 879' },
  {
    country: 'CA',
    regions: ['YT', 'NT', 'NU'],
    timezones: ['America/Whitehorse', EDMONTON, 'America/Iqaluit', 'America/Rankin_Inlet', 'America/Cambridge_Bay'],
    codes: '867',
  },
];

export interface AreaCodeEntry {
  country: NanpCountry;
  regions: readonly string[];
  timezones: readonly string[];
}

function buildAreaCodes(): ReadonlyMap<string, AreaCodeEntry> {
  const map = new Map<string, AreaCodeEntry>();
  for (const group of GROUPS) {
    const entry: AreaCodeEntry = Object.freeze({
      country: group.country,
      regions: Object.freeze([...group.regions]),
      timezones: Object.freeze([...group.timezones]),
    });
    for (const code of group.codes.split(' ')) {
      if (map.has(code)) throw new Error(`area code ${code} is listed twice`);
      map.set(code, entry);
    }
  }
  return map;
}

/** Area code (3 digits) → where it is. Built once at module load. */
export const AREA_CODES: ReadonlyMap<string, AreaCodeEntry> = buildAreaCodes();

/** Regions → every zone their area codes use, so a lead's state alone also yields zones. */
export const REGION_TIMEZONES: ReadonlyMap<string, readonly string[]> = (() => {
  const byRegion = new Map<string, Set<string>>();
  for (const entry of AREA_CODES.values()) {
    for (const region of entry.regions) {
      const zones = byRegion.get(region) ?? new Set<string>();
      entry.timezones.forEach((zone) => zones.add(zone));
      byRegion.set(region, zones);
    }
  }
  return new Map([...byRegion].map(([region, zones]) => [region, Object.freeze([...zones].sort())]));
})();

export const CANADIAN_REGIONS: ReadonlySet<string> = new Set(
  GROUPS.filter((group) => group.country === 'CA').flatMap((group) => group.regions),
);

/**
 * Zones assumed when the area code says nothing (non-geographic or not in this table):
 * every zone of the contiguous US, or of Canada's provinces.
 */
export const UNKNOWN_US_TIMEZONES: readonly string[] = Object.freeze([ET, CT, MT, AZ, PT].sort());
export const UNKNOWN_CANADA_TIMEZONES: readonly string[] = Object.freeze(
  [VANCOUVER, EDMONTON, REGINA, WINNIPEG, TORONTO, HALIFAX, ST_JOHNS].sort(),
);
