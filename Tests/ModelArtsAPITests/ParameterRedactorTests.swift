import ModelArtsAPI
import Testing

@Suite("Parameter redaction")
struct ParameterRedactorTests {
    @Test("labels are matched by word, not by substring", arguments: [
        ("obs_secret_key", true), ("api_token", true), ("apiToken", true), ("AK", true), ("sk", true),
        ("db_password", true), ("PASSWD", true), ("credentials_file", true), ("access-key", true),
        ("max_tokens", false), ("tokenizer", false), ("learning_rate", false), ("mask_ratio", false),
        ("batch_size", false), ("skip_steps", false), ("keyframes", false),
    ])
    func labels(label: String, secret: Bool) {
        #expect(ParameterRedactor().isSecret(label: label) == secret, "\(label)")
    }

    @Test("only secret values change; every other byte stays")
    func bytes() {
        let body = #"{"version_id": 3, "parameter": [ {"label": "lr", "value": 0.01}, { "label" : "obs_secret_key", "value" : "AKIA\u00e9XYZ" }, {"label":"api_token","value":12345} ], "x": "obs_secret_key"}"#
        let (out, labels) = ParameterRedactor().redact(Array(body.utf8))
        #expect(labels == ["obs_secret_key", "api_token"])
        let expected = #"{"version_id": 3, "parameter": [ {"label": "lr", "value": 0.01}, { "label" : "obs_secret_key", "value" : "[redacted by jobarchive]" }, {"label":"api_token","value":"[redacted by jobarchive]"} ], "x": "obs_secret_key"}"#
        #expect(String(decoding: out, as: UTF8.self) == expected)
        // Idempotent.
        #expect(ParameterRedactor().redact(out).body == out)
    }

    @Test("bodies without parameters, or not JSON, come back unchanged")
    func untouched() {
        for body in [#"{"a":1}"#, "not json", #"{"parameter": "nope"}"#] {
            #expect(ParameterRedactor().redact(Array(body.utf8)).body == Array(body.utf8))
        }
    }

    @Test("extra patterns extend the defaults")
    func extra() {
        let r = ParameterRedactor(patterns: ParameterRedactor.defaultPatterns + ["webhook"])
        #expect(r.isSecret(label: "slack_webhook"))
        #expect(!ParameterRedactor().isSecret(label: "slack_webhook"))
    }

    @Test("v2: algorithm.parameters[] by name, and every one marked constraint.sensitive, touching no other byte")
    func v2Parameters() {
        let body = #"{"kind":"job","algorithm":{"code_dir":"obs://b/","parameters":[{"name":"lr","value":"0.01"},{"name":"obs_access_key","value":"AKIA123"},{"name":"webhook","value":"https://x","constraint":{"type":"String","sensitive":true}},{"name":"n","value":"3","constraint":{"sensitive":false}}]},"metadata":{"name":"api_key"}}"#
        let (out, labels) = ParameterRedactor().redact(Array(body.utf8))
        #expect(labels == ["obs_access_key", "webhook"])
        let expected = #"{"kind":"job","algorithm":{"code_dir":"obs://b/","parameters":[{"name":"lr","value":"0.01"},{"name":"obs_access_key","value":"[redacted by jobarchive]"},{"name":"webhook","value":"[redacted by jobarchive]","constraint":{"type":"String","sensitive":true}},{"name":"n","value":"3","constraint":{"sensitive":false}}]},"metadata":{"name":"api_key"}}"#
        #expect(String(decoding: out, as: UTF8.self) == expected)
        #expect(ParameterRedactor().redact(out).body == out)
    }

    @Test("v2: a saved algorithm's job_config.parameters[] too")
    func v2AlgorithmParameters() {
        let body = #"{"metadata":{"id":"a1"},"job_config":{"parameters":[{"name":"db_password","value":"hunter2"},{"name":"epochs","value":"3"}]}}"#
        let (out, labels) = ParameterRedactor().redact(Array(body.utf8))
        #expect(labels == ["db_password"])
        #expect(String(decoding: out, as: UTF8.self) == #"{"metadata":{"id":"a1"},"job_config":{"parameters":[{"name":"db_password","value":"[redacted by jobarchive]"},{"name":"epochs","value":"3"}]}}"#)
    }

    @Test("v2: environments whose names look secret, as an object or an array of name/value, touching no other byte")
    func v2Environments() {
        let object = #"{"algorithm":{"environments":{"HF_TOKEN":"hf_abc","NCCL_DEBUG":"INFO","AWS_SECRET_ACCESS_KEY":"s3cr3t"},"parameters":[]}}"#
        let (out, labels) = ParameterRedactor().redact(Array(object.utf8))
        #expect(labels == ["environments.HF_TOKEN", "environments.AWS_SECRET_ACCESS_KEY"])
        #expect(String(decoding: out, as: UTF8.self) == #"{"algorithm":{"environments":{"HF_TOKEN":"[redacted by jobarchive]","NCCL_DEBUG":"INFO","AWS_SECRET_ACCESS_KEY":"[redacted by jobarchive]"},"parameters":[]}}"#)
        let array = #"{"algorithm":{"environments":[{"name":"DB_PASSWORD","value":"x"},{"name":"MODE","value":"fast"}]}}"#
        let (outArray, arrayLabels) = ParameterRedactor().redact(Array(array.utf8))
        #expect(arrayLabels == ["DB_PASSWORD"])
        #expect(String(decoding: outArray, as: UTF8.self) == #"{"algorithm":{"environments":[{"name":"DB_PASSWORD","value":"[redacted by jobarchive]"},{"name":"MODE","value":"fast"}]}}"#)
        #expect(ParameterRedactor().redact(out).body == out)
    }
}
