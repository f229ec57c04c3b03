using System.Collections.Frozen;
using System.Net.Mime;
using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// MassTransit's raw-JSON deserializer, parsing each body once. MassTransit parses every body into a JSON document and
/// then each consumer's type out of that document: two parses per message, about 4 % of the host's CPU. A body whose
/// message-type header names one of our contracts is read straight into that contract instead; anything else (no
/// header, another type, a consumer asking for a JSON object) goes MassTransit's way, so nothing it supports changes.
/// A body without a message-type header, or not valid JSON for its contract, fails here, as a <see cref="SerializationException"/>, just as
/// MassTransit's own deserializer fails.
/// </summary>
public sealed class ContractJsonDeserializer(RawSerializerOptions options) : IMessageDeserializer, ISerializerFactory
{
    private static readonly FrozenDictionary<string, Type> Contracts = MessageJson.ContractTypes.Values
        .ToFrozenDictionary(MessageUrn.ForTypeString, t => t, StringComparer.OrdinalIgnoreCase);

    private readonly SystemTextJsonRawMessageSerializer _raw = new(options);

    public ContentType ContentType => SystemTextJsonRawMessageSerializer.JsonContentType;

    public void Probe(ProbeContext context) => _raw.Probe(context);

    public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
        new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

    public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
    {
        var messageTypes = headers.GetMessageTypes();
        if (messageTypes.Length == 0)
        {
            // MassTransit offers a raw body without a type to every consumer on the queue, whatever the options say: a
            // report that fits StepReceived's fields was applied as one. A message must say what it is.
            throw new SerializationException(
                $"The message has no {MessageHeaders.MessageType} header naming its contract (urn:message:WorkflowEngine.Contracts:<Type>); it is not guessed at.");
        }

        if (ContractOf(messageTypes) is not { } contract)
        {
            return _raw.Deserialize(body, headers, destinationAddress);
        }

        var bytes = body.GetBytes();
        object? message;
        try
        {
            message = JsonSerializer.Deserialize(bytes, contract, SystemTextJsonMessageSerializer.Options);
        }
        catch (Exception ex)
        {
            throw new SerializationException($"The body of a {contract.Name} is not valid JSON for it: {ex.Message}", ex);
        }

        if (message is null)
        {
            throw new SerializationException($"The body of a {contract.Name} is JSON null.");
        }

        return new DecodedContext(
            new RawMessageContext(headers, destinationAddress, options), messageTypes, options, message, () => _raw.Deserialize(body, headers, destinationAddress));
    }

    public MessageBody GetMessageBody(string text) => _raw.GetMessageBody(text);

    private static Type? ContractOf(string[] messageTypes)
    {
        foreach (var messageType in messageTypes)
        {
            if (Contracts.TryGetValue(messageType, out var contract))
            {
                return contract;
            }
        }

        return null;
    }

    IMessageSerializer ISerializerFactory.CreateSerializer() => _raw;

    IMessageDeserializer ISerializerFactory.CreateDeserializer() => this;

    /// <summary>The message already read into its contract; MassTransit's own context, built on demand, for the rest.</summary>
    private sealed class DecodedContext(
        MessageContext messageContext, string[] messageTypes, RawSerializerOptions options, object decodedMessage, Func<SerializerContext> full)
        : SystemTextJsonRawSerializerContext(
            SystemTextJsonMessageSerializer.Instance, SystemTextJsonMessageSerializer.Options, SystemTextJsonRawMessageSerializer.JsonContentType,
            messageContext, messageTypes, options, default)
    {
        private SerializerContext? _full;

        private SerializerContext Full => _full ??= full();

        public override bool TryGetMessage<T>(out T? message)
            where T : class
        {
            if (decodedMessage is T decoded && IsSupportedMessageType<T>())
            {
                message = decoded;
                return true;
            }

            if (typeof(T) != typeof(System.Text.Json.Nodes.JsonObject) && !IsSupportedMessageType<T>())
            {
                // The other consumer on the same queue, asking for its type: the header already says no.
                message = null;
                return false;
            }

            return Full.TryGetMessage(out message);
        }

        public override bool TryGetMessage(Type messageType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? message) =>
            Full.TryGetMessage(messageType, out message);

        public override IMessageSerializer GetMessageSerializer() => Full.GetMessageSerializer();
    }
}
