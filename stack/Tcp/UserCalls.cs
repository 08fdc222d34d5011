namespace NanoTcp.Tcp
{
    // The connection's side of the user calls of RFC 9293 §3.10.1–§3.10.6 (SEND, RECEIVE, CLOSE, ABORT). They only
    // change the connection; what they queue is sent by the next Poll (each marks work pending, so the deadline
    // Poll returned no longer applies: NetworkStack.PollAt).
    internal sealed partial class TcpConnection
    {
        /// <summary>SEND (RFC 9293 §3.10.2): queues bytes in the send ring (the first of the two copies on the way out).</summary>
        public int Send(byte[] buffer, int offset, int count)
        {
            if (FinQueued) return TcpError.Shutdown;
            switch (State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                case TcpState.Established:
                case TcpState.CloseWait:
                    int n = SendAppend(buffer, offset, count);
                    if (n > 0) _ctx.WorkPending = true;
                    return n;
                case TcpState.Closed:
                    return LastError != TcpError.None ? LastError : TcpError.NotConnected;
                default:
                    return TcpError.Shutdown;
            }
        }

        /// <summary>RECEIVE (RFC 9293 §3.10.3).</summary>
        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_v[VReceiveRing + ByteRing.Count] > 0) // ReceiveQueued
            {
                int n = ReceiveRead(buffer, offset, count);
                // Announce the opened window when it has grown enough (RFC 1122 4.2.3.3); the next Poll sends it.
                int current = (int)((uint)_v[VRcvAdvertisedEdge] - RcvNxt); // SequenceNumber.Diff
                if (current < 0) current = 0;
                if (State != TcpState.Closed && WindowToOffer(current) != current)
                {
                    AckNow = true;
                    _ctx.WorkPending = true;
                }
                return n;
            }
            // A reset or timeout after the peer's FIN is an error, not a clean end of stream.
            TcpState state = State;
            if (state == TcpState.Closed && LastError != TcpError.None) return LastError;
            if ((_flags & FlagFinReceived) != 0 || state == TcpState.Closed) return 0;
            return TcpError.WouldBlock;
        }

        /// <summary>Half-close (RFC 9293 §3.10.4 for the sending direction): a FIN follows the queued data. Idempotent.</summary>
        public int Shutdown()
        {
            if (FinQueued) return TcpError.None;
            switch (State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    FinQueued = true;           // sent once the handshake completes
                    return TcpError.None;
                case TcpState.Established:
                    FinQueued = true;
                    SetState(TcpState.FinWait1);
                    _ctx.WorkPending = true;
                    return TcpError.None;
                case TcpState.CloseWait:
                    FinQueued = true;
                    SetState(TcpState.LastAck);
                    _ctx.WorkPending = true;
                    return TcpError.None;
                case TcpState.Closed:
                    return TcpError.NotConnected;
                default:
                    return TcpError.None;
            }
        }

        /// <summary>
        /// Full close (RFC 9293 §3.10.4): FIN after the queued data and the slot freed in the background; unread
        /// received data turns it into a RST (RFC 1122 4.2.2.13, S43); in SYN-SENT the connection is just deleted.
        /// </summary>
        public int Close()
        {
            UserClosed = true;
            switch (State)
            {
                case TcpState.Closed:
                case TcpState.SynSent:
                    Free();
                    return TcpError.None;
            }
            if (ReceiveQueued > 0)
            {
                QueueReset();
                Free();
                return TcpError.None;
            }
            Shutdown();
            if (State == TcpState.FinWait2) StartFinWait2Timer();
            return TcpError.None;
        }

        /// <summary>
        /// ABORT (RFC 9293 §3.10.5): RST &lt;SEQ=SND.MAX&gt; from synchronized states (none from SYN-SENT, CLOSING,
        /// LAST-ACK or TIME-WAIT), slot freed at once with every buffer.
        /// </summary>
        public int Abort()
        {
            switch (State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                case TcpState.CloseWait:
                    QueueReset();
                    break;
            }
            Free();
            return TcpError.None;
        }

        /// <summary>Bytes SEND can queue now (see NetworkStack.SendSpace).</summary>
        public int SendSpace()
        {
            if (State == TcpState.Closed) return LastError != TcpError.None ? LastError : TcpError.NotConnected;
            return FinQueued ? 0 : SendFree;
        }

        /// <summary>Per-connection keepalive switch: starts or stops the idle timer in the states that probe.</summary>
        public void SetKeepAlive(bool enabled)
        {
            KeepAlive = enabled;
            if (State == TcpState.Established || State == TcpState.CloseWait) KeepAliveRestart();
        }

        /// <summary>Fills a connection info snapshot (netstat).</summary>
        public void Describe(TcpConnectionInfo info, uint localIp)
        {
            info.Handle = Handle;
            info.State = State;
            info.LocalIp = localIp;
            info.LocalPort = LocalPort;
            info.RemoteIp = RemoteIp;
            info.RemotePort = RemotePort;
            info.SendQueued = SendQueued;
            info.ReceiveQueued = ReceiveQueued;
            info.Retransmissions = Retransmissions;
            info.SendUnacknowledged = SndUna;
            info.SendNext = SndNxt;
            info.ReceiveNext = RcvNxt;
            info.SendWindow = SndWnd;
            info.ReceiveWindow = SequenceNumber.Diff(RcvAdvertisedEdge, RcvNxt);
            info.CongestionWindow = Cwnd;
            info.RetransmissionTimeoutMs = RtoMs;
            info.SmoothedRttMs = SrttMs;
            info.Mss = SendMss;
            info.LastError = LastError;
        }
    }
}
