package client

import "strings"

// The bodies the client tests know, shared by the table tests and the fuzz
// targets' seed corpora, so that a case added to a table is fuzzed too.

// bodyCase is a 200 body that the client must refuse, with what its error
// detail must say.
type bodyCase struct {
	name, body string
	wantDetail []string
}

// malformedHTML is a proxy's error page served with a 200.
var malformedHTML = "<!DOCTYPE html>\n<html>\n  <head><title>502 Bad Gateway</title></head>\n\t<body>" +
	strings.Repeat("nginx is sorry ", 100) + "</body></html>"

// malformedBodies are 200 bodies that are not the documented JSON: each
// fails with KindMalformed (TestMalformedBodies).
var malformedBodies = []bodyCase{
	{"HTML page", malformedHTML, []string{"not valid JSON", "invalid character '<'", "It begins: \u201c<!DOCTYPE html> <html> <head><title>502 Bad Gateway"}},
	{"truncated JSON", `{"success": true, "data": [{"id": "a", "email": "`, []string{"ends early"}},
	{"truncated after a value", `{"success": true, "data": [{"id": "a"}]`, []string{"ends early"}},
	{"orgRole as a string", `{"success": true, "data": [{"id": "a", "orgRole": "2"}]}`,
		[]string{"data[0].orgRole (the user with id \u201ca\u201d) is a JSON string, where the API documents a whole number"}},
	{"orgRole as a fraction", `{"data": [{"orgRole": 2.5}]}`, []string{"orgRole", "a whole number"}},
	{"validated as a string", `{"data": [{"validated": "yes"}]}`, []string{"data[0].validated is a JSON string, where the API documents a boolean"}},
	{"orgRoles as a string", `{"data": [{"orgRoles": "0,1"}]}`, []string{"data[0].orgRoles is a JSON string, where the API documents an array"}},
	{"id as a number", `{"data": [{"id": 7}]}`, []string{"data[0].id is a JSON number, where the API documents a string"}},
	{"total as a string", `{"data": [], "total": "2"}`, []string{"total is a JSON string, where the API documents a whole number"}},
	{"success as a string", `{"success": "true", "data": []}`, []string{"success is a JSON string, where the API documents a boolean"}},
	{"data an object", `{"success": true, "data": {"users": []}}`, []string{"data is a JSON object, where the API documents an array"}},
	{"data a string", `{"success": true, "data": "none"}`, []string{"data is a JSON string, where the API documents an array"}},
	{"data missing", `{"success": true, "total": 0}`, []string{`no "data" array`}},
	{"data null", `{"success": true, "data": null}`, []string{`no "data" array`}},
	{"top level an array", `[{"id": "a"}]`, []string{"the top level is a JSON array, where the API documents an object"}},
	{"top level a string", `"ok"`, []string{"the top level is a JSON string"}},
	{"trailing garbage", `{"success": true, "data": []} <!-- cached -->`, []string{"more data follows the JSON object"}},
	{"two objects", `{"data": []}{"data": []}`, []string{"more data follows the JSON object"}},
	{"empty body", ``, []string{"the body is empty", "The body was empty."}},
	{"white space only", " \n ", []string{"the body is empty"}},
	{"not JSON at all", `OK`, []string{"not valid JSON"}},
	{"a null user", `{"data": [{"id": "a"}, null, {"id": "c"}]}`, []string{"data[1] is null, where the API documents a user object"}},
	{"one bad field among many users", `{"data": [{"id": "a"}, {"id": "b"}, {"orgRole": "x", "id": "c"}, {"id": "d"}]}`,
		[]string{"data[2].orgRole (the user with id \u201cc\u201d) is a JSON string"}},
	{"a user that is a number", `{"data": [{"id": "a"}, 5]}`, []string{"data[1] is a JSON number, where the API documents an object"}},
	{"negative total", `{"data": [], "total": -1}`, []string{"total is -1, where the API documents a count"}},
}

// unsuccessfulBodies are 200 bodies with "success": false: each fails with
// KindUnsuccessful (TestUnsuccessful).
var unsuccessfulBodies = []bodyCase{
	{"reference 500 body on a 200", `{"success": false, "data": [], "total": 0}`, []string{`"success": false`, "It begins:"}},
	{"with a message", `{"success": false, "message": "Organization is suspended", "data": []}`,
		[]string{"The API said: \u201cOrganization is suspended\u201d"}},
	{"with an error code", `{"success": false, "error": "Database unavailable", "error_code": "DB_DOWN"}`,
		[]string{"Database unavailable / DB_DOWN"}},
	{"without data", `{"success": false}`, []string{`"success": false`}},
}

// envelopeCase is a 200 body that the client must accept, with the ids and
// total it must read from it.
type envelopeCase struct {
	name      string
	body      string
	wantIDs   []string
	wantTotal int64
}

// envelopeVariants are the shapes of a good answer (TestDecodeEnvelopeVariants).
var envelopeVariants = []envelopeCase{
	{"no success field", `{"data": [{"id": "a"}, {"id": "b"}], "total": 2}`, []string{"a", "b"}, 2},
	{"no total", `{"success": true, "data": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}`, []string{"a", "b", "c"}, 3},
	{"null total", `{"success": true, "data": [{"id": "a"}], "total": null}`, []string{"a"}, 1},
	{"neither success nor total", `{"data": [{"id": "a"}]}`, []string{"a"}, 1},
	{"total other than the count", `{"success": true, "data": [{"id": "a"}], "total": 40}`, []string{"a"}, 40},
	{"empty organization", `{"success": true, "data": [], "total": 0}`, nil, 0},
	{"empty data without total", `{"data": []}`, nil, 0},
	{"white space around", " \n\t{\"success\": true, \"data\": [{\"id\": \"a\"}]}\r\n\n ", []string{"a"}, 1},
	{"message beside success", `{"success": true, "message": "ok", "data": [{"id": "a"}]}`, []string{"a"}, 1},
	{"byte-order mark", "\ufeff{\"data\": [{\"id\": \"a\"}]}", []string{"a"}, 1},
	{"byte-order mark and nothing else of note", "\ufeff{\"data\": []}", nil, 0},
}
