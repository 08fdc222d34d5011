namespace NanoTcp
{
    /// <summary>
    /// Source of initial send sequence numbers (ISS). The default is the RFC 6528 generator
    /// (<c>NanoTcp.Tcp.InitialSequenceNumber</c>); tests plug in fixed values to reproduce captures.
    /// </summary>
    public interface IInitialSequenceNumbers
    {
        /// <summary>Returns the ISS for a new connection on the given 4-tuple at time <paramref name="nowMs"/>.</summary>
        uint Next(uint localIp, int localPort, uint remoteIp, int remotePort, long nowMs);
    }
}
