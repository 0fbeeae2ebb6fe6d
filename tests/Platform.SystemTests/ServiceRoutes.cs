using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// Every route a running service serves, read from the OpenAPI document it publishes (made from its
/// endpoints, so a route added tomorrow is here tomorrow): method, path template, whether it takes a
/// deployment API key or a token, and a request body that fits its schema.
/// </summary>
public sealed record ServiceRoute(string Service, HttpMethod Method, string Path, bool TakesApiKey, JsonNode? SampleBody)
{
    public bool IsWrite => Method != HttpMethod.Get && Method != HttpMethod.Head;

    public override string ToString() => $"{Method} {Service}{Path}";

    public static async Task<IReadOnlyList<ServiceRoute>> ReadAsync(PlatformFixture platform)
    {
        var routes = new List<ServiceRoute>();
        foreach (var service in ResourceNames.Services)
        {
            var document = JsonNode.Parse(await platform.Client(service).GetStringAsync("/openapi/v1.json"))!;
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    if (method is "parameters" or "summary" or "description") continue;
                    var takesKey = operation!["security"]?.AsArray().Any(s => s!.AsObject().ContainsKey("apiKey")) == true;
                    // A JSON body of any shape (a free-form schema) still gets a JSON body: the content type decides which endpoint answers.
                    var json = operation["requestBody"]?["content"]?["application/json"];
                    var body = json is null ? null : (json["schema"] is { } schema ? Sample(schema, document, 0) : null) ?? new JsonObject();
                    routes.Add(new ServiceRoute(service, HttpMethod.Parse(method), path, takesKey, body));
                }
            }
        }
        return routes;
    }

    private static readonly string[] Preferred = ["object", "array", "boolean", "integer", "number", "string"];

    /// <summary>A value of the schema's shape (its own refs resolved): enough for the body to bind, so what answers is the endpoint, not the binder.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonNode document, int depth)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Sample(document["components"]!["schemas"]![reference.Split('/')[^1]]!, document, depth + 1);
        if ((schema["oneOf"] ?? schema["anyOf"] ?? schema["allOf"]) is JsonArray options)
            return options.Select(o => Sample(o!, document, depth + 1)).FirstOrDefault(v => v is not null);
        var type = schema["type"] switch
        {
            // ASP.NET Core writes numbers it also reads from strings as ["integer", "string"]: the richest type wins.
            JsonArray types => Preferred.FirstOrDefault(types.Select(t => t!.GetValue<string>()).Contains),
            JsonValue single => single.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" when depth < 4 => new JsonObject((schema["properties"]?.AsObject() ?? [])
                .Select(p => KeyValuePair.Create(p.Key, Sample(p.Value!, document, depth + 1)))),
            "object" => new JsonObject(),
            "array" => new JsonArray(),
            "string" when schema["format"]?.GetValue<string>() == "uuid" => JsonValue.Create(Guid.NewGuid()),
            "string" when schema["format"]?.GetValue<string>() == "date-time" => JsonValue.Create(DateTimeOffset.UtcNow.AddDays(1)),
            "string" => JsonValue.Create("cross-tenant-probe"),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(0.5),
            "boolean" => JsonValue.Create(false),
            _ => null,
        };
    }
}
