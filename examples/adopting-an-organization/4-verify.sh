terraform plan -detailed-exitcode
