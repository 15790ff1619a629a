package client

import (
	"crypto/rand"
	"math/big"
)

// randomPasswordLength is the length of a password CreateUser makes up.
const randomPasswordLength = 32

// passwordClasses are the kinds of character a made-up password holds, at
// least one of each, so that it passes any usual complexity rule (the API
// does not document its own).
var passwordClasses = []string{
	"ABCDEFGHJKLMNPQRSTUVWXYZ",
	"abcdefghijkmnopqrstuvwxyz",
	"23456789",
	"!#%+-.:=?@^_~",
}

// randomPassword returns a strong password from crypto/rand: 32 characters,
// at least one of each class, about 190 bits of entropy. It is for a user
// created without one, who then gets in through the invitation; nothing
// keeps it.
func randomPassword() (string, error) {
	all := ""
	for _, c := range passwordClasses {
		all += c
	}
	out := make([]byte, randomPasswordLength)
	for i := range out {
		set := all
		if i < len(passwordClasses) {
			set = passwordClasses[i]
		}
		n, err := rand.Int(rand.Reader, big.NewInt(int64(len(set))))
		if err != nil {
			return "", err
		}
		out[i] = set[n.Int64()]
	}
	// Shuffle, so that the first characters' classes are not fixed.
	for i := len(out) - 1; i > 0; i-- {
		j, err := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		if err != nil {
			return "", err
		}
		out[i], out[j.Int64()] = out[j.Int64()], out[i]
	}
	return string(out), nil
}
