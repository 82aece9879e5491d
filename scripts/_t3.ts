import { initHcl } from '../server/src/model/hcl';
import { lintText, spanText } from '../test/helpers';
void (async () => {
  await initHcl();
  const cases: Record<string, string> = {
    sg: `module "sg" {
  source              = "terraform-aws-modules/security-group/aws"
  version             = "~> 5.0"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  ingress_rules       = ["ssh-tcp", "https-443-tcp", "mystery-tcp"]
  ingress_with_cidr_blocks = [
    {
      rule        = "rdp-tcp"
      cidr_blocks = "10.0.0.0/8,0.0.0.0/0"
    },
    {
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      cidr_blocks = var.cidrs
    },
  ]
}
`,
    vpc: `module "vpc" {
  source          = "terraform-aws-modules/vpc/aws"
  version         = "3.14.0"
  public_subnets  = ["10.0.101.0/24"]
}
`,
    alb: `module "alb" {
  source  = "terraform-aws-modules/alb/aws"
  version = "~> 6.0"
  access_logs = {
    bucket = "logs"
  }
}
`,
    elb: `module "elb" {
  source  = "git::https://github.com/terraform-aws-modules/terraform-aws-elb.git?ref=v2.4.0"
  access_logs = {
    bucket  = "logs"
    enabled = false
  }
}
`,
    ec2: `module "ec2" {
  source                      = "terraform-aws-modules/ec2-instance/aws"
  associate_public_ip_address = true
  user_data                   = var.user_data
}
`,
    sqs: `module "q" {
  source                  = "terraform-aws-modules/sqs/aws"
  version                 = "~> 4.0"
  sqs_managed_sse_enabled = false
}
`,
    s3: `module "bucket" {
  source        = "terraform-aws-modules/s3-bucket/aws"
  version       = "~> 3.0"
  acl           = "public-read"
  attach_policy = true
  policy        = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
EOF
}
`,
  };
  for (const [k, text] of Object.entries(cases)) {
    const r = lintText('main.tf', text);
    console.log('===', k, r.resources.map((x) => x.id).join(', '), r.errors);
    for (const f of r.findings) console.log(' ', f.rule.id, spanText(r, f.span), JSON.stringify(f.message.split(/ (Amazon|AWS|Elastic)\b/)[0]), f.fixes.length);
  }
})();
