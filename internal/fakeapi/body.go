package fakeapi

import (
	"encoding/json"
	"strconv"
)

// usersBody encodes the 200 answer to GET /organization/users exactly as
// json.Marshal encodes {"success": true, "data": users, "total": total}:
// keys sorted, users' fields in their declared order. It writes the bytes
// itself, several times as fast as reflection, so that serving a million
// generated users starts in about a second; TestUsersBodyIsJSONMarshal
// holds it to json.Marshal's output.
func usersBody(users []User, total int64) []byte {
	b := make([]byte, 0, 64+len(users)*260)
	b = append(b, `{"data":[`...)
	for i := range users {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendUser(b, &users[i])
	}
	b = append(b, `],"success":true,"total":`...)
	b = strconv.AppendInt(b, total, 10)
	return append(b, '}')
}

func appendUser(b []byte, u *User) []byte {
	b = appendStringField(b, `{"id":`, u.ID)
	b = appendStringField(b, `,"email":`, u.Email)
	b = appendStringField(b, `,"name":`, u.Name)
	b = appendStringField(b, `,"lastName":`, u.LastName)
	b = appendStringField(b, `,"orgId":`, u.OrgID)
	b = append(b, `,"orgRole":`...)
	if u.OrgRole == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, *u.OrgRole, 10)
	}
	b = append(b, `,"validated":`...)
	if u.Validated == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendBool(b, *u.Validated)
	}
	b = appendStringField(b, `,"deletedAt":`, u.DeletedAt)
	b = appendStringField(b, `,"orgRoleDescription":`, u.OrgRoleDescription)
	b = append(b, `,"orgRoles":`...)
	if u.OrgRoles == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, code := range u.OrgRoles {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, code, 10)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendStringField(b []byte, key string, s *string) []byte {
	b = append(b, key...)
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *s)
}

// appendJSONString writes s as json.Marshal does: printable ASCII that
// needs no escape as it is, anything else through json.Marshal itself.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			quoted, _ := json.Marshal(s) // a string always encodes
			return append(b, quoted...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
