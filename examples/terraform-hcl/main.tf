# Terraform HCL: values come from variable defaults and terraform.tfvars; references are unknown until apply.
variable "public" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

# The bucket's public access block is a separate resource that refers to it.
resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_db_instance" "orders" {
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "app"
  password            = var.db_password
  storage_encrypted   = true
  publicly_accessible = var.public
}

resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

variable "db_password" {
  type      = string
  sensitive = true
}
