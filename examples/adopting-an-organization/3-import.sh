terraform plan
terraform apply
