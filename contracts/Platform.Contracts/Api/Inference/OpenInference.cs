using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Contracts.Api.Inference;

// The Open Inference Protocol v2 (KServe / Triton), REST form:
// https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md
// Property names are the protocol's (snake_case where it says so), not the platform's camelCase.

/// <summary><c>GET /v2</c>: the server's name, version and the protocol extensions it supports.</summary>
public sealed record InferenceServerMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("extensions")] IReadOnlyList<string> Extensions);

/// <summary>A tensor a model takes or returns: its datatype (<c>FP32</c>, <c>BYTES</c>, …) and shape (-1 for any size).</summary>
public sealed record InferenceTensorMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape);

/// <summary><c>GET /v2/models/{name}</c>: the deployment's served version and its input and output tensors.</summary>
public sealed record InferenceModelMetadata(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("versions")] IReadOnlyList<string> Versions,
    [property: JsonPropertyName("platform")] string Platform,
    [property: JsonPropertyName("inputs")] IReadOnlyList<InferenceTensorMetadata> Inputs,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferenceTensorMetadata> Outputs);

/// <summary>One input tensor: <see cref="Data"/> is row-major, flat or nested as the shape.</summary>
public sealed record InferenceRequestInput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("parameters")] JsonElement? Parameters = null);

/// <summary>An output the caller asks for; without any, every output is returned.</summary>
public sealed record InferenceRequestedOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("parameters")] JsonElement? Parameters = null);

/// <summary><c>POST /v2/models/{name}/infer</c>.</summary>
public sealed record InferenceRequest(
    [property: JsonPropertyName("inputs")] IReadOnlyList<InferenceRequestInput> Inputs,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("parameters")] JsonElement? Parameters = null,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferenceRequestedOutput>? Outputs = null);

/// <summary>One output tensor; <see cref="Data"/> is flat, row-major; <c>probabilities</c> names its columns' classes in its parameters.</summary>
public sealed record InferenceResponseOutput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("datatype")] string Datatype,
    [property: JsonPropertyName("data")] object Data,
    [property: JsonPropertyName("parameters"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Parameters = null);

/// <summary>The answer to an inference request: the request's id echoed, the model version that answered (the one billed).</summary>
public sealed record InferenceResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferenceResponseOutput> Outputs);
