namespace NanoTcp
{
    /// <summary>
    /// Optional observer of everything the stack does (<see cref="NetworkStack.Tracer"/>). The stack calls it
    /// synchronously from <see cref="NetworkStack.Poll"/> (and from API calls for state changes); the buffers
    /// are only valid during the call. With no tracer attached nothing is called and nothing is allocated.
    /// </summary>
    public interface IStackTracer
    {
        /// <summary>A frame was taken from the link (before any validation).</summary>
        void FrameReceived(byte[] frame, int offset, int length, long nowMs);

        /// <summary>A frame was handed to the link (<paramref name="accepted"/> is what the link answered).</summary>
        void FrameSent(byte[] frame, int offset, int length, bool accepted, long nowMs);

        /// <summary>A received frame was dropped; <paramref name="reason"/> names the counter that rose.</summary>
        void FrameDropped(DropReason reason, byte[] frame, int offset, int length, long nowMs);

        /// <summary>A connection changed state (RFC 9293 §3.3.2).</summary>
        void TcpStateChanged(int handle, TcpState from, TcpState to, long nowMs);
    }
}
