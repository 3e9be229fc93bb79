// An applicant's identity as the registration page and the staff's
// registration of a paper application both take it down: a natural
// person (name and ID document) or a legal person or other organisation
// (category, 统一社会信用代码, legal representative, contact person), with
// the same contact details.
import type { ApplicantType, IdentityInput, IDType, OrgCategory } from '@/api/auth'
import { normalizeMobile, normalizeResidentID } from './validators'

/** IdentityForm is the form's model (IdentityFields edits it). */
export interface IdentityForm {
  applicantType: ApplicantType
  name: string
  idType: IDType
  idNumber: string
  orgCategory: OrgCategory | ''
  creditCode: string
  legalRepresentative: string
  contactPerson: string
  phone: string
  email: string
  address: string
}

export function emptyIdentity(): IdentityForm {
  return { applicantType: 'natural', name: '', idType: 'resident_id', idNumber: '', orgCategory: '', creditCode: '', legalRepresentative: '', contactPerson: '', phone: '', email: '', address: '' }
}

/** identityPayload sends only the fields of the applicant's type,
 * trimmed and normalised as the server stores them. */
export function identityPayload(a: IdentityForm): IdentityInput {
  const contact = { phone: normalizeMobile(a.phone), email: a.email.trim() || undefined, address: a.address.trim() || undefined }
  if (a.applicantType === 'organization') {
    return {
      applicantType: a.applicantType,
      name: a.name.trim(),
      orgCategory: a.orgCategory || undefined,
      creditCode: a.creditCode.trim().toUpperCase(),
      legalRepresentative: a.legalRepresentative.trim(),
      contactPerson: a.contactPerson.trim(),
      ...contact,
    }
  }
  return {
    applicantType: a.applicantType,
    name: a.name.trim(),
    idType: a.idType,
    idNumber: a.idType === 'resident_id' ? normalizeResidentID(a.idNumber) : a.idNumber.trim(),
    ...contact,
  }
}
