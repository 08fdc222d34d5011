using NanoTcp;

namespace NanoTcp.Portable.Tests
{
    /// <summary>Small stacks on 192.0.2.0/24 (RFC 5737) for the tests that join two of them by a cable.</summary>
    public static class TestHosts
    {
        /// <summary>A stack at 192.0.2.<paramref name="host"/> with MAC 02:00:00:00:00:<paramref name="host"/>.</summary>
        public static NetworkStack NewStack(ILink link, int host, int connectionSlots, int bufferSize)
        {
            var config = new StackConfig();
            config.MacAddress = new byte[] { 0x02, 0, 0, 0, 0, (byte)host };
            config.IpAddress = Ip4.Address(192, 0, 2, host);
            config.ConnectionSlots = connectionSlots;
            config.ListenerSlots = 1;
            config.SendBufferSize = bufferSize;
            config.ReceiveBufferSize = bufferSize;
            return new NetworkStack(config, link);
        }
    }
}
