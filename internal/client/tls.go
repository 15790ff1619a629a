package client

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// pemBegin starts every PEM block.
const pemBegin = "-----BEGIN "

// ParseCACertificates reads the PEM text of one or more CA certificates, as
// the ca_certificate setting holds them, and returns the pool of
// certificate authorities the client should trust: the system's own, with
// these added. Adding rather than replacing keeps working what the system
// trusts already (the public API, an https proxy, a TLS-inspecting
// corporate proxy whose CA the system holds) while a private deployment's
// CA is trusted too.
//
// Text between the blocks, such as the comments some bundles carry, is
// ignored. A block that is not a CERTIFICATE, a damaged or unclosed block,
// and text with no certificate at all are refused.
func ParseCACertificates(text string) (*x509.CertPool, error) {
	certs, err := parsePEMCertificates(text)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		// Some systems have no store Go can read: trust the given CAs alone.
		pool = x509.NewCertPool()
	}
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool, nil
}

// parsePEMCertificates returns the certificates of PEM text, refusing
// anything that is not exactly a list of good CERTIFICATE blocks.
func parsePEMCertificates(text string) ([]*x509.Certificate, error) {
	const howTo = "paste the CA's certificate as PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----"
	rest := []byte(text)
	if len(bytes.TrimSpace(rest)) == 0 {
		return nil, errors.New("the value is empty: " + howTo)
	}
	var certs []*x509.Certificate
	blocks := 0
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		blocks++
		if block.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("PEM block %d is a %s, not a CERTIFICATE: only CA certificates belong here", blocks, sanitize([]byte(block.Type)))
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate %d cannot be read: %s", blocks, sanitize([]byte(err.Error())))
		}
		certs = append(certs, cert)
	}
	// pem.Decode skips a block it cannot read: one BEGIN line more than the
	// blocks read is a block that is damaged or cut short.
	if begun := strings.Count(text, pemBegin); begun != blocks {
		return nil, fmt.Errorf("%d of its %d PEM blocks are damaged or cut short (a line is missing, such as the -----END CERTIFICATE----- line): %s",
			begun-blocks, begun, howTo)
	}
	if len(certs) == 0 {
		hint := ""
		if t := strings.TrimSpace(text); !strings.ContainsAny(t, "\n ") && strings.ContainsAny(t, "/\\.") {
			hint = `; to read it from a file, write ca_certificate = file("` + sanitize([]byte(t)) + `")`
		}
		return nil, errors.New("it holds no PEM certificate: " + howTo + hint)
	}
	return certs, nil
}

// tlsAdvice returns what to do about a TLS failure, and false when err is
// not one: a certificate the client cannot verify, or a server that does
// not speak TLS. Neither is worth a retry.
func tlsAdvice(err error) (string, bool) {
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var record tls.RecordHeaderError
	switch {
	case errors.As(err, &unknownAuthority):
		return "The API's certificate was signed by a certificate authority this machine does not trust. " +
			"If base_url points at a private deployment whose certificate your organization's own CA signed, " +
			"or a proxy inspects TLS traffic, set ca_certificate in the provider block to that CA's certificate, as PEM text.", true
	case errors.As(err, &hostname):
		return "The API's certificate was not issued for the host in base_url: check that base_url names the host exactly as its certificate does.", true
	case errors.As(err, &invalid):
		return "The API's certificate is not valid (it may have expired, or this machine's clock may be wrong): " +
			"check the certificate of the host in base_url, and the system clock.", true
	case errors.As(err, &verify):
		return "The API's certificate could not be verified: check base_url, and set ca_certificate if a private CA signed it.", true
	case errors.As(err, &record), errors.Is(err, http.ErrSchemeMismatch):
		return "The server did not answer with TLS: check that base_url's scheme and port are right " +
			"(https, on a port that serves TLS).", true
	}
	return "", false
}
