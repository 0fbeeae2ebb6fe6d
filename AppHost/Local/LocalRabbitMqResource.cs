namespace Platform.AppHost.Local;

/// <summary>
/// A private RabbitMQ broker from the OS packages (infra/local/rabbitmq.sh) with its own epmd, on
/// ports DCP picks, with its data under <c>.platform/rabbitmq</c>.
/// </summary>
public sealed class LocalRabbitMqResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string AmqpEndpoint = "amqp";
    public const string DistributionEndpoint = "dist";
    public const string EpmdEndpoint = "epmd";
    public const string User = "platform";

    public EndpointReference Amqp => new(this, AmqpEndpoint);
    public ParameterResource Password => password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{User}:{Password}@{Amqp.Property(EndpointProperty.IPV4Host)}:{Amqp.Property(EndpointProperty.Port)}");
}
