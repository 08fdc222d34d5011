namespace NanoTcp.Sample
{
    /// <summary>
    /// The smallest useful nanoTcp application: one TCP service on one port that greets each client and echoes what
    /// it sends, one client at a time. Portable: the ESP32 entry point (Device/Program.cs) runs it over the ENC28J60
    /// driver, the virtual board (<c>dotnet run --project boards/host -- --app sample</c>) over a TAP device.
    /// Everything is allocated here, once; <see cref="Poll"/> allocates nothing.
    /// </summary>
    public sealed class SampleApplication
    {
        /// <summary>The port the service listens on.</summary>
        public const int Port = 7;

        private static readonly byte[] Greeting = { (byte)'h', (byte)'i', (byte)'\r', (byte)'\n' };

        private readonly byte[] _buffer = new byte[256];
        private readonly int _listener;
        private int _client = -1;

        /// <summary>Builds the stack over <paramref name="link"/> with this board's addresses and opens <see cref="Port"/>.</summary>
        /// <param name="link">The Ethernet link: the ENC28J60 driver on a device, a TAP device on Linux.</param>
        /// <param name="macAddress">This board's 6-byte MAC address.</param>
        /// <param name="ipAddress">This board's IPv4 address (<see cref="Ip4.Address"/>).</param>
        public SampleApplication(ILink link, byte[] macAddress, uint ipAddress)
        {
            var config = new StackConfig
            {
                MacAddress = macAddress,
                IpAddress = ipAddress,
                ConnectionSlots = 2,
                ListenerSlots = 1,
                SendBufferSize = 1024,
                ReceiveBufferSize = 1024,
            };
            Stack = new NetworkStack(config, link);
            _listener = Stack.Listen(Port, 1);
        }

        /// <summary>The stack (counters, state) for diagnostics.</summary>
        public NetworkStack Stack { get; }

        /// <summary>Runs the stack and the service; returns the time (ms) by which to call it again.</summary>
        /// <param name="nowMs">Milliseconds since boot.</param>
        public long Poll(long nowMs)
        {
            Stack.Poll(nowMs);
            if (_client < 0)
            {
                _client = Stack.Accept(_listener);
                if (_client >= 0) Stack.Send(_client, Greeting, 0, Greeting.Length);
            }
            else
            {
                Echo();
            }
            // A second poll sends what the service queued now rather than at the next deadline.
            return Stack.Poll(nowMs);
        }

        private void Echo()
        {
            int space = Stack.SendSpace(_client);
            int count = space < _buffer.Length ? space : _buffer.Length;
            int got = count > 0 ? Stack.Receive(_client, _buffer, 0, count) : TcpError.WouldBlock;
            if (got > 0)
            {
                Stack.Send(_client, _buffer, 0, got);
                return;
            }
            if (got == TcpError.WouldBlock && space >= 0) return;
            // End of stream (0) or an error: close our side and wait for the next client.
            Stack.Close(_client);
            _client = -1;
        }
    }
}
