namespace Platform.AppHost.Local;

/// <summary>
/// A private PostgreSQL server from the OS packages (infra/local/postgres.sh), on a port DCP picks,
/// with its data under <c>.platform/postgres</c>.
/// </summary>
public sealed class LocalPostgresResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string User = "postgres";

    public EndpointReference Endpoint => new(this, EndpointName);
    public ParameterResource Password => password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.IPV4Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={User};Password={Password}");
}
