namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// Pumps a deterministic byte stream from one connection to another and verifies every received byte
    /// (pattern depends on position and a salt, so misordered, duplicated or corrupted data is caught).
    /// Allocation-free: its buffers are allocated once.
    /// </summary>
    public sealed class BulkTransfer
    {
        private readonly byte[] _out = new byte[2048];
        private readonly byte[] _in = new byte[2048];
        /// <summary>The stacks at either end.</summary>
        public NetworkStack Sender, Receiver;
        /// <summary>The connection handles at either end.</summary>
        public int SendHandle, ReceiveHandle;
        /// <summary>Bytes to move, bytes queued so far, bytes received so far.</summary>
        public long Total, Sent, Received;
        /// <summary>Varies the byte pattern between transfers.</summary>
        public int Salt;
        /// <summary>Received bytes that differ from the pattern.</summary>
        public long Mismatches;
        /// <summary>True once the receiver saw the end of the stream.</summary>
        public bool EndOfStream;
        /// <summary>Half-close the sender once everything is queued.</summary>
        public bool ShutdownWhenDone = true;
        private bool _shutdownIssued;

        /// <summary>The byte at <paramref name="position"/> of the stream.</summary>
        public static byte Pattern(long position, int salt) => (byte)((position * 131 + (position >> 8) * 7 + salt) & 0xFF);

        /// <summary>Starts a new transfer of <paramref name="total"/> bytes.</summary>
        public void Reset(NetworkStack sender, int sendHandle, NetworkStack receiver, int receiveHandle, long total, int salt)
        {
            Sender = sender; SendHandle = sendHandle; Receiver = receiver; ReceiveHandle = receiveHandle;
            Total = total; Salt = salt; Sent = Received = Mismatches = 0; EndOfStream = false; _shutdownIssued = false;
        }

        /// <summary>Everything queued for sending.</summary>
        public bool SendDone => Sent == Total;
        /// <summary>Everything received (and the end of stream seen when the sender shuts down).</summary>
        public bool Done => Received == Total && (!ShutdownWhenDone || EndOfStream);

        /// <summary>Moves as much data as the buffers take; call between polls.</summary>
        public void Pump()
        {
            while (Sent < Total)
            {
                int n = (int)System.Math.Min(_out.Length, Total - Sent);
                for (int i = 0; i < n; i++) _out[i] = Pattern(Sent + i, Salt);
                int queued = Sender.Send(SendHandle, _out, 0, n);
                if (queued <= 0) break;
                Sent += queued;
            }
            if (Sent == Total && ShutdownWhenDone && !_shutdownIssued)
            {
                Sender.Shutdown(SendHandle);
                _shutdownIssued = true;
            }
            while (true)
            {
                int got = Receiver.Receive(ReceiveHandle, _in, 0, _in.Length);
                if (got == 0) { EndOfStream = true; break; }
                if (got < 0) break;
                for (int i = 0; i < got; i++)
                {
                    if (_in[i] != Pattern(Received + i, Salt)) Mismatches++;
                }
                Received += got;
            }
        }
    }
}
