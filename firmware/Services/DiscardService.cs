namespace NanoTcp.Firmware
{
    /// <summary>The TCP discard service (RFC 863, port 9): reads and throws away everything — a receive-throughput sink.</summary>
    public sealed class DiscardService : ClassicService
    {
        private const int ReadsPerStep = 8;

        /// <summary>Opens <paramref name="port"/> (9 by default, RFC 863).</summary>
        public DiscardService(NetworkStack stack, int port, int maxConnections, ListenerTable listeners, byte[] scratch)
            : base(stack, "discard", port, maxConnections, listeners, scratch)
        {
        }

        /// <inheritdoc />
        protected override ServiceStep Serve(int index, int connection)
        {
            for (int i = 0; i < ReadsPerStep; i++)
            {
                int got = ReceiveSome(connection, Scratch.Length);
                if (got < 0) return ServiceStep.Finished;
                if (got == 0) return ServiceStep.Idle;
            }
            return ServiceStep.Busy;
        }
    }
}
