using NanoTcp.Tcp;

namespace NanoTcp
{
    // The user calls of RFC 9293 §3.10.1–§3.10.6 (OPEN, SEND, RECEIVE, CLOSE, ABORT, STATUS). They only change
    // the connection blocks; what they queue is sent by the next Poll.
    public sealed partial class NetworkStack
    {
        /// <summary>Active open from the next free ephemeral port (RFC 6335 range). Completes in Poll.</summary>
        public int Connect(uint remoteIp, int remotePort)
        {
            int span = _cfg.EphemeralPortLast - _cfg.EphemeralPortFirst + 1;
            if (span < 1) return TcpError.InvalidArgument;
            for (int tries = 0; tries < span; tries++)
            {
                int port = _nextEphemeral;
                _nextEphemeral = port >= _cfg.EphemeralPortLast ? _cfg.EphemeralPortFirst : port + 1;
                if (FindListenerByPort(port) >= 0 || LocalPortInUse(port)) continue;
                return Connect(remoteIp, remotePort, port);
            }
            return TcpError.AddressInUse;
        }

        /// <summary>
        /// Active open (RFC 9293 §3.10.1) from <paramref name="localPort"/>. Returns the connection handle at once;
        /// the SYN is sent by the next Poll (after ARP resolution) and <see cref="GetState"/> shows the progress.
        /// </summary>
        public int Connect(uint remoteIp, int remotePort, int localPort)
        {
            if (remotePort <= 0 || remotePort > 65535 || localPort <= 0 || localPort > 65535) return TcpError.InvalidArgument;
            if (remoteIp == 0 || remoteIp == Ip4.Broadcast || remoteIp == _ip || (remoteIp >> 28) >= 14) return TcpError.InvalidArgument;
            if (NextHop(remoteIp) == 0) return TcpError.Unreachable;
            if (FindConnection(remoteIp, remotePort, localPort) != null) return TcpError.AddressInUse;
            Tcb t = AllocateTcb();
            if (t == null) return TcpError.NoFreeSlot;
            OpenTcb(t, remoteIp, remotePort, localPort);
            t.UserOwned = true;
            SetState(t, TcpState.SynSent);
            return t.Handle;
        }

        private bool LocalPortInUse(int port)
        {
            for (int i = 0; i < _tcbs.Length; i++)
            {
                if (_tcbs[i].InUse && _tcbs[i].LocalPort == port) return true;
            }
            return false;
        }

        /// <summary>
        /// Queues up to <paramref name="count"/> bytes (RFC 9293 §3.10.2). Returns the number queued (0 when the
        /// send buffer is full), <see cref="TcpError.Shutdown"/> after Shutdown/Close, or another error.
        /// </summary>
        public int Send(int connection, byte[] buffer, int offset, int count)
        {
            Tcb t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            if (buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset) return TcpError.InvalidArgument;
            if (t.FinQueued) return TcpError.Shutdown;
            switch (t.State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                case TcpState.Established:
                case TcpState.CloseWait:
                    return t.SendBuffer.Append(buffer, offset, count);
                case TcpState.Closed:
                    return t.LastError != TcpError.None ? t.LastError : TcpError.NotConnected;
                default:
                    return TcpError.Shutdown;
            }
        }

        /// <summary>
        /// Copies received bytes (RFC 9293 §3.10.3). Returns &gt; 0 bytes, 0 at end of stream (the peer's FIN and
        /// everything before it was read), <see cref="TcpError.WouldBlock"/> when nothing is there yet, or the
        /// error that ended the connection.
        /// </summary>
        public int Receive(int connection, byte[] buffer, int offset, int count)
        {
            Tcb t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            if (buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset) return TcpError.InvalidArgument;
            if (t.ReceiveBuffer.Count > 0 && count > 0)
            {
                int n = t.ReceiveBuffer.Read(buffer, offset, count);
                // Announce the opened window when it has grown enough (RFC 1122 4.2.3.3); the next Poll sends it.
                int current = SequenceNumber.Diff(t.RcvAdvertisedEdge, t.RcvNxt);
                if (t.State != TcpState.Closed && WindowCanGrow(t, current < 0 ? 0 : current, MaxWindow(t))) t.AckNow = true;
                return n;
            }
            if (t.ReceiveBuffer.Count > 0) return 0;
            // A reset or timeout after the peer's FIN is an error, not a clean end of stream.
            if (t.State == TcpState.Closed && t.LastError != TcpError.None) return t.LastError;
            if (t.FinReceived || t.State == TcpState.Closed) return 0;
            return TcpError.WouldBlock;
        }

        /// <summary>
        /// Half-close (RFC 9293 §3.10.4 for the sending direction): a FIN follows the queued data; receiving
        /// continues. Idempotent. Returns 0 or an error.
        /// </summary>
        public int Shutdown(int connection)
        {
            Tcb t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            return ShutdownSend(t);
        }

        private int ShutdownSend(Tcb t)
        {
            if (t.FinQueued) return TcpError.None;
            switch (t.State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    t.FinQueued = true;           // sent once the handshake completes
                    return TcpError.None;
                case TcpState.Established:
                    t.FinQueued = true;
                    SetState(t, TcpState.FinWait1);
                    return TcpError.None;
                case TcpState.CloseWait:
                    t.FinQueued = true;
                    SetState(t, TcpState.LastAck);
                    return TcpError.None;
                case TcpState.Closed:
                    return TcpError.NotConnected;
                default:
                    return TcpError.None;
            }
        }

        /// <summary>
        /// Full close (RFC 9293 §3.10.4). The handle is dead afterwards; the stack finishes the close in the
        /// background (FIN, TIME-WAIT) and frees the slot. Unread received data turns the close into a RST
        /// (RFC 1122 4.2.2.13, S43); closing in SYN-SENT just deletes the connection.
        /// </summary>
        public int Close(int connection)
        {
            Tcb t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            t.UserClosed = true;
            switch (t.State)
            {
                case TcpState.Closed:
                case TcpState.SynSent:
                    FreeTcb(t);
                    return TcpError.None;
            }
            if (t.ReceiveBuffer.Count > 0)
            {
                QueueReset(t);
                FreeTcb(t);
                return TcpError.None;
            }
            ShutdownSend(t);
            if (t.State == TcpState.FinWait2) StartFinWait2Timer(t);
            return TcpError.None;
        }

        /// <summary>
        /// Abort (RFC 9293 §3.10.5): RST &lt;SEQ=SND.NXT&gt; from synchronized states (none from SYN-SENT, CLOSING,
        /// LAST-ACK or TIME-WAIT), slot freed at once with every buffer.
        /// </summary>
        public int Abort(int connection)
        {
            Tcb t = FindTcb(connection);
            if (t == null) return TcpError.InvalidHandle;
            switch (t.State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                case TcpState.CloseWait:
                    QueueReset(t);
                    break;
            }
            FreeTcb(t);
            return TcpError.None;
        }

        /// <summary>The state of a connection (Closed for stale handles) or <see cref="TcpState.Listen"/> for a listener handle.</summary>
        public TcpState GetState(int handle)
        {
            if (FindListener(handle) >= 0) return TcpState.Listen;
            Tcb t = FindTcb(handle);
            return t == null ? TcpState.Closed : t.State;
        }

        /// <summary>Why the connection ended (<see cref="TcpError"/>), <see cref="TcpError.None"/> while healthy.</summary>
        public int GetLastError(int connection)
        {
            Tcb t = FindTcb(connection);
            return t == null ? TcpError.InvalidHandle : t.LastError;
        }

        /// <summary>Bytes ready for <see cref="Receive"/>.</summary>
        public int BytesToRead(int connection)
        {
            Tcb t = FindTcb(connection);
            return t == null ? TcpError.InvalidHandle : t.ReceiveBuffer.Count;
        }

        /// <summary>
        /// Bytes <see cref="Send"/> can queue now: 0 after Shutdown; for a connection that has ended, the error that
        /// ended it (or <see cref="TcpError.NotConnected"/> after a clean close), so a writer never waits forever.
        /// </summary>
        public int SendSpace(int connection)
        {
            Tcb t = FindTcb(connection);
            if (t == null) return TcpError.InvalidHandle;
            if (t.State == TcpState.Closed) return t.LastError != TcpError.None ? t.LastError : TcpError.NotConnected;
            return t.FinQueued ? 0 : t.SendBuffer.Free;
        }
    }
}
