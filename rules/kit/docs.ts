// Addresses of the reference pages rules cite in `docs`, each site's address written once.

const CLOUDFORMATION = 'https://docs.aws.amazon.com/AWSCloudFormation/latest';
const TERRAFORM_AWS = 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs';

const withAnchor = (url: string, anchor: string | undefined) => (anchor ? `${url}#${anchor}` : url);

/** A page of the CloudFormation template reference: `cfnDoc('aws-resource-s3-bucket')`. */
export function cfnDoc(page: string, anchor?: string): string {
  return withAnchor(`${CLOUDFORMATION}/TemplateReference/${page}.html`, anchor);
}

/** A resource or property page at its older address in the CloudFormation User Guide (it still serves the reference). */
export function cfnGuideDoc(page: string, anchor?: string): string {
  return withAnchor(`${CLOUDFORMATION}/UserGuide/${page}.html`, anchor);
}

/** The Terraform AWS provider's page of a resource: `tfDoc('s3_bucket')`, `tfDoc('instance', 'metadata-options')`. */
export function tfDoc(resource: string, anchor?: string): string {
  return withAnchor(`${TERRAFORM_AWS}/resources/${resource}`, anchor);
}

// Google Cloud.
const TERRAFORM_GOOGLE = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs';

/** The Terraform Google provider's page of a resource: `tfGoogleDoc('storage_bucket', 'uniform_bucket_level_access')`. */
export function tfGoogleDoc(resource: string, anchor?: string): string {
  return withAnchor(`${TERRAFORM_GOOGLE}/resources/${resource}`, anchor);
}

// Azure (rules/azure/).

const TERRAFORM_AZURERM = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs';

/** The Terraform azurerm provider's page of a resource: `azurermDoc('storage_account', 'min_tls_version')`. */
export function azurermDoc(resource: string, anchor?: string): string {
  return withAnchor(`${TERRAFORM_AZURERM}/resources/${resource}`, anchor);
}
