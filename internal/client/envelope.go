package client

import (
	"encoding/json"
	"fmt"
)

// envelope is the answer {success, data: …, message} that most calls give.
// what names the object in the error for an answer without it, and check,
// when set, refuses a data object the caller cannot use. Either error makes
// the answer malformed.
type envelope[T any] struct {
	Data  *T `json:"data"`
	what  string
	check func(*T) error
}

func (e *envelope[T]) UnmarshalJSON(b []byte) error {
	var plain struct {
		Data *T `json:"data"`
	}
	if err := json.Unmarshal(b, &plain); err != nil {
		return err
	}
	if plain.Data == nil {
		return fmt.Errorf(`it has no "data" object with the %s`, e.what)
	}
	e.Data = plain.Data
	if e.check != nil {
		return e.check(e.Data)
	}
	return nil
}
