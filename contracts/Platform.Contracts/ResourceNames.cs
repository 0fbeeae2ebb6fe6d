namespace Platform.Contracts;

/// <summary>
/// Names shared by the AppHost, the services and the tests: one definition, no string drift.
/// Aspire injects a referenced resource as <c>ConnectionStrings__{name}</c> and a service's
/// URL as <c>services__{name}__http__0</c>.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";

    public const string Ingestion = "ingestion";
    public const string Training = "training";
    public const string Compression = "compression";
    public const string Registry = "registry";
    public const string Inference = "inference";
    public const string Billing = "billing";
    public const string Portal = "portal";
    /// <summary>The one public entry (YARP): routes every service's public API and the identity endpoints.</summary>
    public const string Gateway = "gateway";

    /// <summary>Every host of the platform, in start order.</summary>
    public static readonly IReadOnlyList<string> Services =
        [Ingestion, Training, Compression, Registry, Inference, Billing, Portal];

    /// <summary>Each service owns one database, named after it.</summary>
    public static string Database(string service) => $"{service}db";
}
