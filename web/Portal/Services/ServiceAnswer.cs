namespace Platform.Portal.Services;

/// <summary>How a service answered a read of an API it may not serve yet.</summary>
public enum Availability
{
    /// <summary>It answered with the resource.</summary>
    Answered,
    /// <summary>It serves the API but knows no such resource (a 404 problem that says what it looked for).</summary>
    Unknown,
    /// <summary>It serves no such path: a build of the service from before the API.</summary>
    NotServed,
}

/// <summary>
/// A read the page can show whatever the service's build: a section whose API is missing says so
/// instead of failing the page around it.
/// </summary>
public sealed record ServiceAnswer<T>(Availability Availability, T? Value) where T : class
{
    public static ServiceAnswer<T> Of(T value) => new(Availability.Answered, value);
    public static ServiceAnswer<T> Unknown { get; } = new(Availability.Unknown, null);
    public static ServiceAnswer<T> NotServed { get; } = new(Availability.NotServed, null);
}
