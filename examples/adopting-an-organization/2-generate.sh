terraform query -generate-config-out=members.tf
