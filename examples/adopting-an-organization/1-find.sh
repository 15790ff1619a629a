terraform init
terraform query
