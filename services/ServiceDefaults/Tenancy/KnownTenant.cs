namespace Platform.ServiceDefaults.Tenancy;

/// <summary>A tenant this service has been told about; requests for any other tenant are refused.</summary>
public sealed class KnownTenant
{
    public Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Plan { get; set; }
    public DateTimeOffset RegisteredAt { get; init; }
}
