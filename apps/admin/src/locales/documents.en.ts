import type { documentTemplatesZhCN, issuedDocumentsZhCN } from './documents.zh-CN';

export const issuedDocumentsEn: typeof issuedDocumentsZhCN = {
  title: 'Official documents',
  kinds: {
    REGISTRATION_FORM: 'Registration form',
    ASSIGNMENT_SHEET: 'Assignment sheet',
    REFERRAL_LETTER: 'Referral letter',
    SUPERVISION_LETTER: 'Supervision letter',
    SPECIAL_SUPERVISION_LETTER: 'Special-supervision letter',
    CIRCULAR_NOTICE: 'Circular notice',
  },
  none: 'No document to issue yet',
  issue: 'Issue',
  reissue: 'Issue again',
  issuedOk: 'Issued {number}',
  notIssued: 'Not issued yet',
  issuedBy: 'Issued by {name} on {at}',
  defaultTemplate: 'Default template',
  templateVersion: 'Park template version {version}',
  downloadDocx: 'Download DOCX',
  downloadFailed: 'Download failed ({status}); try again later',
};

export const documentTemplatesEn: typeof documentTemplatesZhCN = {
  title: 'Document templates',
  intro:
    "Each kind of document uses the built-in template (GB/T 9704) or the park's own Word template. An upload is checked and kept as a new version; preview it, then activate it. Documents issued after that use it; those issued before keep theirs.",
  current: 'In use',
  defaultTemplate: 'Default template',
  version: 'Version {version}',
  downloadDefault: 'Download the default',
  previewDefault: 'Preview the default',
  upload: 'Upload a new version',
  uploading: 'Uploading…',
  uploaded: 'Saved as version {version}: preview it, then activate it',
  refused: 'The template was refused and not saved:',
  tooLarge: 'The file is larger than {size}',
  activate: 'Activate',
  useDefault: 'Use the default',
  activated: 'Activated',
  download: 'Download',
  preview: 'Preview (sample data)',
  active: 'In use',
  uploadedBy: 'Uploaded by {name} on {at}',
  placeholders: 'Placeholders',
  placeholder: { tag: 'Write', description: 'Meaning', example: 'Example' },
  uploadFailed: 'Upload failed ({status}); try again later',
};
