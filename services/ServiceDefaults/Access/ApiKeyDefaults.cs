namespace Platform.ServiceDefaults.Access;

/// <summary>The authentication scheme of deployment API keys (Inference registers its handler under it).</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
}
