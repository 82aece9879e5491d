// Terraform rule examples written twice: as `*.tf.json` and as the HCL a user would write for the same module.
export interface Twin {
  name: string;
  json: string;
  hcl: string;
  /** HCL findings that must be there: rule ID and range (line:col-line:col, 1-based, end exclusive). Every other finding must match the JSON form's. */
  findings: [rule: string, at: string][];
  /** Rules that must not fire on either form. */
  absent: string[];
}

export const TWINS: Twin[] = [
  {
    name: 'S3 bucket with a public ACL',
    json: `{"resource": {"aws_s3_bucket": {"b": {"bucket": "acme", "acl": "public-read"}}}}`,
    hcl: `resource "aws_s3_bucket" "b" {
  bucket = "acme"
  acl    = "public-read"
}
`,
    findings: [['CL-AWS-050', '3:12-3:25']],
    absent: [],
  },
  {
    name: 'S3 bucket protected by a separate public access block',
    json: `{"resource": {
  "aws_s3_bucket": {"b": {"bucket": "acme"}},
  "aws_s3_bucket_public_access_block": {"b": {"bucket": "\${aws_s3_bucket.b.id}", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}
}}`,
    hcl: `resource "aws_s3_bucket" "b" {
  bucket = "acme"
}

resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
    findings: [],
    absent: ['CL-AWS-002'],
  },
  {
    name: 'S3 bucket without a public access block',
    json: `{"resource": {"aws_s3_bucket": {"b": {"bucket": "acme"}}}}`,
    hcl: `resource "aws_s3_bucket" "b" {
  bucket = "acme"
}
`,
    findings: [['CL-AWS-002', '1:26-1:29']],
    absent: [],
  },
  {
    name: 'public access block that turns a setting off',
    json: `{"resource": {"aws_s3_bucket_public_access_block": {"b": {"bucket": "\${aws_s3_bucket.b.id}", "block_public_acls": false, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}}}}`,
    hcl: `resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = false
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
    findings: [['CL-AWS-001', '3:29-3:34']],
    absent: [],
  },
  {
    name: 'RDS instance publicly accessible',
    json: `{"resource": {"aws_db_instance": {"db": {"engine": "postgres", "publicly_accessible": true}}}}`,
    hcl: `resource "aws_db_instance" "db" {
  engine              = "postgres"
  publicly_accessible = true
}
`,
    findings: [['CL-AWS-004', '3:25-3:29']],
    absent: [],
  },
  {
    name: 'security group with repeated ingress blocks, one open to SSH',
    json: `{"resource": {"aws_security_group": {"sg": {"ingress": [
  {"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
  {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]}
]}}}}`,
    hcl: `resource "aws_security_group" "sg" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}
`,
    findings: [['CL-AWS-005', '12:34-12:45']],
    absent: [],
  },
  {
    name: 'KMS key without rotation',
    json: `{"resource": {"aws_kms_key": {"k": {"description": "data", "enable_key_rotation": false}}}}`,
    hcl: `resource "aws_kms_key" "k" {
  description         = "data"
  enable_key_rotation = false
}
`,
    findings: [['CL-AWS-071', '3:25-3:30']],
    absent: [],
  },
  {
    name: 'IAM policy as a heredoc of JSON is known',
    json: `{"resource": {"aws_iam_policy": {"p": {"policy": "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"}}}}`,
    hcl: `resource "aws_iam_policy" "p" {
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
EOF
}
`,
    findings: [['CL-AWS-003', '3:71-3:74']],
    absent: [],
  },
  {
    name: 'IAM policy from jsonencode of a local value is unknown',
    json: `{"resource": {"aws_iam_policy": {"p": {"policy": "\${jsonencode(local.policy)}"}}}, "locals": {"policy": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}}`,
    hcl: `resource "aws_iam_policy" "p" {
  policy = jsonencode(local.policy)
}

locals {
  policy = { Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }
}
`,
    findings: [],
    absent: ['CL-AWS-003'],
  },
  {
    name: 'EBS volume not encrypted',
    json: `{"resource": {"aws_ebs_volume": {"v": {"availability_zone": "eu-west-1a", "size": 10, "encrypted": false}}}}`,
    hcl: `resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = false # comment
}
`,
    findings: [['CL-AWS-054', '4:23-4:28']],
    absent: [],
  },
  {
    name: 'CloudTrail without log file validation',
    json: `{"resource": {"aws_cloudtrail": {"t": {"name": "t", "s3_bucket_name": "logs", "is_multi_region_trail": true, "enable_log_file_validation": false}}}}`,
    hcl: `resource "aws_cloudtrail" "t" {
  name                       = "t"
  s3_bucket_name             = "logs"
  is_multi_region_trail      = true
  enable_log_file_validation = false
}
`,
    findings: [['CL-AWS-084', '5:32-5:37']],
    absent: [],
  },
  {
    name: 'IAM policy from an aws_iam_policy_document data source with repeated statement blocks',
    json: `{
  "data": {"aws_iam_policy_document": {"d": {"statement": [
    {"actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::acme/*"]},
    {"actions": ["*"], "resources": ["*"]}
  ]}}},
  "resource": {"aws_iam_policy": {"p": {"policy": "\${data.aws_iam_policy_document.d.json}"}}}
}`,
    hcl: `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme/*"]
  }
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`,
    findings: [['CL-AWS-003', '7:18-7:21']],
    absent: [],
  },
];
