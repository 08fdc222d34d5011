namespace NanoTcp.Stack.Tests.Infrastructure
{
    /// <summary>Fixed initial sequence numbers (reproduce captures, force wrap-around near 2^32).</summary>
    public sealed class FixedIsn : IInitialSequenceNumbers
    {
        public uint Value;
        public FixedIsn(uint value) { Value = value; }
        public uint Next(uint localIp, int localPort, uint remoteIp, int remotePort, long nowMs) => Value;
    }
}
