using System.Net;
using System.Text.Json;

namespace Platform.Portal.Services;

/// <summary>
/// A service refused a call: its problem details (RFC 9457) as a person should read them, with the
/// field and row at fault when the service named them.
/// </summary>
public sealed class ServiceProblem(HttpStatusCode status, string title, string? detail, string? fieldName, long? row)
    : Exception(detail ?? title)
{
    public HttpStatusCode Status => status;
    public string Title => title;
    public string? Field => fieldName;
    public long? Row => row;

    public static async Task<ServiceProblem> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return new ServiceProblem(
                response.StatusCode,
                Text(root, "title") ?? response.ReasonPhrase ?? response.StatusCode.ToString(),
                Text(root, "detail"),
                Text(root, "field"),
                root.TryGetProperty("row", out var row) && row.ValueKind == JsonValueKind.Number ? row.GetInt64() : null);
        }
        catch (JsonException)
        {
            return new ServiceProblem(response.StatusCode, response.ReasonPhrase ?? response.StatusCode.ToString(), body.Length > 300 ? body[..300] : body, null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
