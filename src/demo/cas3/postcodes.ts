/**
 * Real postcode districts (the outward code, before the space) of the councils where the demo's
 * CAS3 premises stand, so an address reads as a place in that council (issue 12, defect 13). CAS3
 * properties are mostly in towns and cities; each region's premises are spread over the councils
 * listed for it. The inward code (after the space) is drawn in the Royal Mail format; a full
 * postcode may not be a delivery point, but its district is the right one for the council.
 */
import type { Rng } from '../prng.ts'

export const OUTWARD_CODES: Readonly<Record<string, readonly string[]>> = {
  // London
  E09000007: ['NW1', 'NW5', 'NW3', 'WC1'], // Camden
  E09000019: ['N1', 'N7', 'N19', 'N5'], // Islington
  E09000012: ['E8', 'E5', 'E9', 'N16'], // Hackney
  E09000022: ['SW9', 'SE11', 'SW2', 'SE27'], // Lambeth
  E09000028: ['SE1', 'SE15', 'SE5', 'SE17'], // Southwark
  E09000025: ['E13', 'E15', 'E6', 'E7'], // Newham
  E09000008: ['CR0', 'CR7'], // Croydon
  E09000023: ['SE4', 'SE6', 'SE13', 'SE14'], // Lewisham
  // Greater Manchester
  E08000003: ['M8', 'M9', 'M11', 'M13', 'M40'], // Manchester
  E08000006: ['M5', 'M6', 'M7'], // Salford
  E08000004: ['OL1', 'OL4', 'OL8'], // Oldham
  E08000001: ['BL1', 'BL2', 'BL3'], // Bolton
  E08000010: ['WN1', 'WN2', 'WN5'], // Wigan
  E08000007: ['SK1', 'SK2', 'SK5'], // Stockport
  // North West
  E08000012: ['L4', 'L6', 'L7', 'L8'], // Liverpool
  E08000015: ['CH41', 'CH42', 'CH44'], // Wirral
  E06000009: ['FY1', 'FY3', 'FY4'], // Blackpool
  E07000123: ['PR1', 'PR2'], // Preston
  E06000008: ['BB1', 'BB2'], // Blackburn with Darwen
  E06000007: ['WA1', 'WA2', 'WA5'], // Warrington
  E07000121: ['LA1', 'LA3', 'LA4'], // Lancaster
  E07000028: ['CA1', 'CA2'], // Carlisle
  // West Midlands
  E08000025: ['B6', 'B10', 'B11', 'B12', 'B21'], // Birmingham
  E08000031: ['WV1', 'WV2', 'WV10'], // Wolverhampton
  E08000026: ['CV1', 'CV2', 'CV6'], // Coventry
  E08000028: ['B66', 'B70', 'B71'], // Sandwell
  E08000030: ['WS1', 'WS2', 'WS3'], // Walsall
  E06000021: ['ST1', 'ST4', 'ST6'], // Stoke-on-Trent
  E06000020: ['TF1', 'TF2', 'TF3'], // Telford and Wrekin
  // East Midlands
  E06000018: ['NG1', 'NG3', 'NG7'], // Nottingham
  E06000016: ['LE2', 'LE3', 'LE4', 'LE5'], // Leicester
  E06000015: ['DE1', 'DE23', 'DE24'], // Derby
  E07000138: ['LN1', 'LN2', 'LN5'], // Lincoln
  E06000062: ['NN1', 'NN2', 'NN5'], // West Northamptonshire
  E07000034: ['S40', 'S41'], // Chesterfield
  // North East
  E08000021: ['NE4', 'NE6', 'NE15'], // Newcastle upon Tyne
  E06000002: ['TS1', 'TS3', 'TS4'], // Middlesbrough
  E08000024: ['SR1', 'SR4', 'SR5'], // Sunderland
  E08000037: ['NE8', 'NE9', 'NE10'], // Gateshead
  E06000001: ['TS24', 'TS25', 'TS26'], // Hartlepool
  E06000004: ['TS18', 'TS19', 'TS20'], // Stockton-on-Tees
  E06000005: ['DL1', 'DL3'], // Darlington
  E06000047: ['DH1', 'DL14', 'DH7'], // County Durham
  // Yorkshire and the Humber
  E08000035: ['LS8', 'LS9', 'LS11', 'LS12'], // Leeds
  E08000032: ['BD3', 'BD5', 'BD7', 'BD8'], // Bradford
  E08000019: ['S2', 'S3', 'S4', 'S5'], // Sheffield
  E08000017: ['DN1', 'DN2', 'DN4'], // Doncaster
  E08000036: ['WF1', 'WF2'], // Wakefield
  E08000034: ['HD1', 'HD2', 'WF13'], // Kirklees
  E08000018: ['S60', 'S65'], // Rotherham
  E08000016: ['S70', 'S71'], // Barnsley
  // East of England
  E07000148: ['NR1', 'NR2', 'NR3'], // Norwich
  E06000031: ['PE1', 'PE2'], // Peterborough
  E06000032: ['LU1', 'LU2', 'LU4'], // Luton
  E07000202: ['IP1', 'IP3', 'IP4'], // Ipswich
  E07000008: ['CB1', 'CB4'], // Cambridge
  E07000070: ['CM1', 'CM2'], // Chelmsford
  E07000071: ['CO1', 'CO2', 'CO4'], // Colchester
  // Kent, Surrey and Sussex
  E06000035: ['ME1', 'ME4', 'ME7'], // Medway
  E07000110: ['ME14', 'ME15', 'ME16'], // Maidstone
  E07000106: ['CT1', 'CT2'], // Canterbury
  E07000108: ['CT16', 'CT17'], // Dover
  E06000043: ['BN1', 'BN2', 'BN3'], // Brighton and Hove
  // South West
  E06000026: ['PL1', 'PL2', 'PL4'], // Plymouth
  E07000041: ['EX1', 'EX2', 'EX4'], // Exeter
  E07000081: ['GL1', 'GL2', 'GL4'], // Gloucester
  E06000030: ['SN1', 'SN2', 'SN3'], // Swindon
  E06000027: ['TQ1', 'TQ2', 'TQ4'], // Torbay
  E06000022: ['BA1', 'BA2'], // Bath and North East Somerset
  E06000052: ['TR1', 'PL25', 'TR15'], // Cornwall
  // South Central
  E06000045: ['SO14', 'SO15', 'SO16'], // Southampton
  E06000044: ['PO1', 'PO2', 'PO4'], // Portsmouth
  E06000038: ['RG1', 'RG2', 'RG30'], // Reading
  E07000178: ['OX1', 'OX3', 'OX4'], // Oxford
  E06000042: ['MK6', 'MK9', 'MK13'], // Milton Keynes
  // Wales
  W06000015: ['CF10', 'CF11', 'CF24'], // Cardiff
  W06000011: ['SA1', 'SA5', 'SA6'], // Swansea
  W06000006: ['LL11', 'LL13'], // Wrexham
  W06000022: ['NP19', 'NP20'], // Newport
  W06000016: ['CF37', 'CF40'], // Rhondda Cynon Taf
  W06000024: ['CF47', 'CF48'], // Merthyr Tydfil
}

/** Letters Royal Mail uses in the inward code (never C, I, K, M, O or V). */
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

export function postcodeIn(rng: Rng, council: string): string | null {
  const outward = OUTWARD_CODES[council]
  if (!outward) return null
  const letter = () => INWARD_LETTERS[rng.int(INWARD_LETTERS.length)]
  return `${rng.pick(outward)} ${rng.int(10)}${letter()}${letter()}`
}
