using Platform.Portal.Services;

namespace Platform.Portal.Components.Shared;

/// <summary>
/// A form's refusal sorted for showing: the messages a field of the form can show under itself,
/// and the rest (a field the form does not have, or no field at all) for an alert above it.
/// </summary>
public sealed class FieldErrors
{
    public static FieldErrors None { get; } = new(new Dictionary<string, string>(), []);

    private readonly IReadOnlyDictionary<string, string> _atFields;

    private FieldErrors(IReadOnlyDictionary<string, string> atFields, IReadOnlyList<string> others) =>
        (_atFields, Others) = (atFields, others);

    public IReadOnlyList<string> Others { get; }
    public bool Any => _atFields.Count > 0 || Others.Count > 0;

    public string? Of(string field) => _atFields.GetValueOrDefault(field);

    /// <summary>
    /// Sorts a validation problem's errors (or the one field a problem names) onto
    /// <paramref name="fields"/>, matched without regard to case: the service writes camelCase
    /// JSON names, a form names its properties.
    /// </summary>
    public static FieldErrors From(ServiceProblem problem, IEnumerable<string> fields)
    {
        var known = fields.ToDictionary(f => f, f => f, StringComparer.OrdinalIgnoreCase);
        var atFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var others = new List<string>();

        void Add(string key, string message)
        {
            var name = NameOf(key);
            if (known.TryGetValue(name, out var field))
                atFields[field] = atFields.TryGetValue(field, out var earlier) ? $"{earlier} {message}" : message;
            else
                others.Add(name.Length == 0 ? message : $"{key}: {message}");
        }

        foreach (var (key, messages) in problem.Errors)
            Add(key, messages.Length == 0 ? "is not valid" : string.Join(" ", messages));
        if (problem.Field is { } named && !problem.Errors.ContainsKey(named)) Add(named, problem.Message);
        if (problem.Errors.Count == 0 && problem.Field is null) others.Add(problem.Message);
        return new FieldErrors(atFields, others);
    }

    // A body the service could not bind names the JSON path ("$.psiThreshold", or "$" for all of it).
    private static string NameOf(string key)
    {
        var path = key.StartsWith('$') ? key.TrimStart('$').TrimStart('.') : key;
        var dot = path.LastIndexOf('.');
        return dot < 0 ? path : path[(dot + 1)..];
    }
}
