using System.Net;
using System.Text.Json;

namespace Platform.Portal.Services;

/// <summary>
/// A service refused a call: its problem details (RFC 9457) as a person should read them, with the
/// field and row at fault when the service named them, and a validation problem's errors by field.
/// </summary>
public sealed class ServiceProblem(HttpStatusCode status, string title, string? detail, string? fieldName, long? row,
    IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(string.IsNullOrWhiteSpace(detail) ? title : detail)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public HttpStatusCode Status => status;
    public string Title => title;
    public string? Detail => detail;
    public string? Field => fieldName;
    public long? Row => row;
    /// <summary>A validation problem's messages by the name of the field they are about, as the service spelt it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => errors ?? NoErrors;

    /// <summary>
    /// The service does not serve the path or method at all (an older build of it): its router
    /// answers a bare 404 or 405, where an API's own refusal says what it could not find.
    /// </summary>
    public bool NotServed =>
        status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed
        && string.IsNullOrWhiteSpace(detail) && fieldName is null && Errors.Count == 0;

    public static async Task<ServiceProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JsonException("not a problem object");
            return new ServiceProblem(
                response.StatusCode,
                Text(root, "title") ?? response.ReasonPhrase ?? response.StatusCode.ToString(),
                Text(root, "detail"),
                Text(root, "field"),
                root.TryGetProperty("row", out var row) && row.ValueKind == JsonValueKind.Number ? row.GetInt64() : null,
                ErrorsOf(root));
        }
        catch (JsonException)
        {
            return new ServiceProblem(response.StatusCode, response.ReasonPhrase ?? response.StatusCode.ToString(), body.Length > 300 ? body[..300] : body, null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // ASP.NET Core's ValidationProblem: "errors": { "field": ["message", …] }.
    private static Dictionary<string, string[]>? ErrorsOf(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object) return null;
        var byField = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in errors.EnumerateObject())
        {
            byField[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Array => field.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToArray(),
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [],
            };
        }
        return byField;
    }
}
