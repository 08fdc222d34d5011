namespace NanoTcp.Firmware
{
    /// <summary>
    /// The TCP echo service (RFC 862, port 7): sends back whatever it receives. It reads only as much as the
    /// connection can send right now, so a peer that does not read its echo is held back by its own window.
    /// </summary>
    public sealed class EchoService : ClassicService
    {
        /// <summary>Opens <paramref name="port"/> (7 by default, RFC 862).</summary>
        public EchoService(NetworkStack stack, int port, int maxConnections, ListenerTable listeners, byte[] scratch)
            : base(stack, "echo", port, maxConnections, listeners, scratch)
        {
        }

        /// <inheritdoc />
        protected override ServiceStep Serve(int index, int connection)
        {
            int space = Stack.SendSpace(connection);
            if (space < 0) return ServiceStep.Finished;
            if (space == 0) return ServiceStep.Idle;
            int got = ReceiveSome(connection, space < Scratch.Length ? space : Scratch.Length);
            if (got < 0) return ServiceStep.Finished;
            if (got == 0) return ServiceStep.Idle;
            int sent = Stack.Send(connection, Scratch, 0, got);
            if (sent < 0) return ServiceStep.Finished;
            BytesSent += sent;
            return ServiceStep.Busy;
        }
    }
}
