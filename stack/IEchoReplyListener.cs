namespace NanoTcp
{
    /// <summary>Receives ICMP echo replies for requests sent with <see cref="NetworkStack.SendEchoRequest"/>.</summary>
    public interface IEchoReplyListener
    {
        /// <summary>
        /// Called from <see cref="NetworkStack.Poll"/> for every valid echo reply addressed to us.
        /// <paramref name="length"/> is the ICMP payload length (bytes after the 8-byte echo header).
        /// </summary>
        void OnEchoReply(uint fromIp, int identifier, int sequence, int length, long nowMs);
    }
}
