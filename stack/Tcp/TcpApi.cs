using NanoTcp.Tcp;

namespace NanoTcp
{
    // The TCP API (RFC 9293 §3.10.1–§3.10.6 OPEN, SEND, RECEIVE, CLOSE, ABORT, STATUS, plus listeners and
    // per-connection options). Handle checks here; the behaviour is the connection's (Tcp/UserCalls.cs). Calls
    // never touch the link: what they queue is sent by the next Poll, and they mark it pending (PollAt).
    public sealed partial class NetworkStack
    {
        /// <summary>
        /// Active open from an ephemeral port (RFC 6335 range) chosen by RFC 6056 §3.3.3 "Simple Hash-Based Port
        /// Selection": port = first + (F(local IP, remote IP, remote port, secret) + next_ephemeral) mod span, so
        /// ports are unpredictable off-path yet successive connections to one destination do not collide.
        /// Completes in Poll.
        /// </summary>
        public int Connect(uint remoteIp, int remotePort)
        {
            StackConfig cfg = _ctx.Config;
            int span = cfg.EphemeralPortLast - cfg.EphemeralPortFirst + 1;
            if (span < 1 || cfg.EphemeralPortFirst < 1 || cfg.EphemeralPortLast > 65535) return TcpError.InvalidArgument;
            uint offset = _keyedHash.Hash(_if.Ip, 0, remoteIp, remotePort, InitialSequenceNumber.DomainEphemeralPort);
            for (int tries = 0; tries < span; tries++)
            {
                int port = cfg.EphemeralPortFirst + (int)((offset + (uint)_nextEphemeral) % (uint)span);
                _nextEphemeral++;
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
            if (remoteIp == 0 || remoteIp == Ip4.Broadcast || remoteIp == _if.Ip || (remoteIp >> 28) >= 14) return TcpError.InvalidArgument;
            if (_if.NextHop(remoteIp) == 0) return TcpError.Unreachable;
            if (FindConnection(remoteIp, TcpConnection.PackPorts(localPort, remotePort)) != null) return TcpError.AddressInUse;
            TcpConnection t = AllocateTcb();
            if (t == null) return TcpError.NoFreeSlot;
            t.OpenActive(remoteIp, remotePort, localPort, NextIsn(remoteIp, remotePort, localPort));
            _ctx.WorkPending = true;
            return t.Handle;
        }

        /// <summary>
        /// Passive open on <paramref name="port"/>. Up to <paramref name="backlog"/> (1..MaxBacklog) connections
        /// may be half-open or waiting for <see cref="Accept"/>; further SYNs are dropped without RST.
        /// Returns a listener handle or <see cref="TcpError.AddressInUse"/>, <see cref="TcpError.NoListenerSlot"/>,
        /// <see cref="TcpError.InvalidArgument"/>.
        /// </summary>
        public int Listen(int port, int backlog)
        {
            if (port <= 0 || port > 65535) return TcpError.InvalidArgument;
            if (FindListenerByPort(port) >= 0) return TcpError.AddressInUse;
            for (int i = 0; i < _listenPort.Length; i++)
            {
                if (_listenPort[i] != 0) continue;
                _listenPort[i] = port;
                int max = _ctx.Config.MaxBacklog;
                _listenBacklog[i] = backlog < 1 ? 1 : (backlog > max ? max : backlog);
                return ListenerHandle(i);
            }
            return TcpError.NoListenerSlot;
        }

        /// <summary>
        /// Takes the oldest established connection from a listener's backlog. Returns its handle,
        /// <see cref="TcpError.WouldBlock"/> when none is ready, or <see cref="TcpError.InvalidHandle"/>.
        /// </summary>
        public int Accept(int listener)
        {
            int l = FindListener(listener);
            if (l < 0) return TcpError.InvalidHandle;
            TcpConnection best = null;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t != null && t.Listener == l && t.State != TcpState.SynReceived && (best == null || t.Since - best.Since < 0)) best = t;
            }
            if (best == null) return TcpError.WouldBlock;
            best.Accepted();
            return best.Handle;
        }

        /// <summary>Closes a listener; connections in its backlog that were not accepted are reset.</summary>
        public int CloseListener(int listener)
        {
            int l = FindListener(listener);
            if (l < 0) return TcpError.InvalidHandle;
            for (int i = _activeCount - 1; i >= 0; i--)
            {
                TcpConnection t = ActiveAt(i);
                if (t == null || t.Listener != l) continue;
                t.QueueReset();
                t.Free();
            }
            _listenPort[l] = 0;
            _listenGeneration[l] = (_listenGeneration[l] + 1) & 0xFFFF;
            if (_listenGeneration[l] == 0) _listenGeneration[l] = 1;
            return TcpError.None;
        }

        /// <summary>
        /// Queues up to <paramref name="count"/> bytes (RFC 9293 §3.10.2). Returns the number queued (0 when the
        /// send buffer is full), <see cref="TcpError.Shutdown"/> after Shutdown/Close, or another error.
        /// </summary>
        public int Send(int connection, byte[] buffer, int offset, int count)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            if (buffer == null || offset < 0 || count < 0 || count > buffer.Length - offset) return TcpError.InvalidArgument;
            return t.Send(buffer, offset, count);
        }

        /// <summary>
        /// Copies received bytes (RFC 9293 §3.10.3). Returns &gt; 0 bytes, 0 at end of stream (the peer's FIN and
        /// everything before it was read), <see cref="TcpError.WouldBlock"/> when nothing is there yet, or the
        /// error that ended the connection. A <paramref name="count"/> of 0 is <see cref="TcpError.InvalidArgument"/>:
        /// 0 is returned only at end of stream, so it can never be mistaken for it.
        /// </summary>
        public int Receive(int connection, byte[] buffer, int offset, int count)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            if (buffer == null || offset < 0 || count <= 0 || count > buffer.Length - offset) return TcpError.InvalidArgument;
            return t.Receive(buffer, offset, count);
        }

        /// <summary>
        /// Half-close (RFC 9293 §3.10.4 for the sending direction): a FIN follows the queued data; receiving
        /// continues. Idempotent. Returns 0 or an error.
        /// </summary>
        public int Shutdown(int connection)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            return t.Shutdown();
        }

        /// <summary>
        /// Full close (RFC 9293 §3.10.4). The handle is dead afterwards; the stack finishes the close in the
        /// background (FIN, TIME-WAIT) and frees the slot. Unread received data turns the close into a RST
        /// (RFC 1122 4.2.2.13, S43); closing in SYN-SENT just deletes the connection.
        /// </summary>
        public int Close(int connection)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            return t.Close();
        }

        /// <summary>
        /// Abort (RFC 9293 §3.10.5): RST &lt;SEQ=SND.NXT&gt; from synchronized states (none from SYN-SENT, CLOSING,
        /// LAST-ACK or TIME-WAIT), slot freed at once with every buffer.
        /// </summary>
        public int Abort(int connection)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null) return TcpError.InvalidHandle;
            return t.Abort();
        }

        /// <summary>The state of a connection (Closed for stale handles) or <see cref="TcpState.Listen"/> for a listener handle.</summary>
        public TcpState GetState(int handle)
        {
            if (FindListener(handle) >= 0) return TcpState.Listen;
            TcpConnection t = FindTcb(handle);
            return t == null ? TcpState.Closed : t.State;
        }

        /// <summary>Why the connection ended (<see cref="TcpError"/>), <see cref="TcpError.None"/> while healthy.</summary>
        public int GetLastError(int connection)
        {
            TcpConnection t = FindTcb(connection);
            return t == null ? TcpError.InvalidHandle : t.LastError;
        }

        /// <summary>Bytes ready for <see cref="Receive"/>.</summary>
        public int BytesToRead(int connection)
        {
            TcpConnection t = FindTcb(connection);
            return t == null ? TcpError.InvalidHandle : t.ReceiveQueued;
        }

        /// <summary>
        /// Bytes <see cref="Send"/> can queue now: 0 after Shutdown; for a connection that has ended, the error that
        /// ended it (or <see cref="TcpError.NotConnected"/> after a clean close), so a writer never waits forever.
        /// </summary>
        public int SendSpace(int connection)
        {
            TcpConnection t = FindTcb(connection);
            return t == null ? TcpError.InvalidHandle : t.SendSpace();
        }

        /// <summary>
        /// TCP_NODELAY for one connection: true turns Nagle's algorithm (RFC 1122 4.2.3.4) off, so small segments go
        /// out while data is unacknowledged. Default: !<see cref="StackConfig.Nagle"/>. Returns 0 or <see cref="TcpError.InvalidHandle"/>.
        /// </summary>
        public int SetNoDelay(int connection, bool noDelay)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            t.NoDelay = noDelay;
            if (noDelay) _ctx.WorkPending = true; // data held back by Nagle may go now
            return TcpError.None;
        }

        /// <summary>
        /// Delayed ACKs for one connection (RFC 1122 4.2.3.2: up to <see cref="StackConfig.DelayedAckMs"/>, every
        /// second full segment at once); false ACKs every segment at once. Default: <see cref="StackConfig.DelayedAck"/>.
        /// Returns 0 or <see cref="TcpError.InvalidHandle"/>.
        /// </summary>
        public int SetDelayedAck(int connection, bool enabled)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            t.DelayedAck = enabled;
            return TcpError.None;
        }

        /// <summary>
        /// Keepalive probes for one connection (RFC 1122 4.2.3.6) with the <see cref="StackConfig"/> idle time,
        /// interval and probe count. Default: <see cref="StackConfig.KeepAliveEnabled"/>. Returns 0 or <see cref="TcpError.InvalidHandle"/>.
        /// </summary>
        public int SetKeepAlive(int connection, bool enabled)
        {
            TcpConnection t = FindTcb(connection);
            if (t == null || t.UserClosed) return TcpError.InvalidHandle;
            t.SetKeepAlive(enabled);
            _ctx.WorkPending = true; // the keepalive timer changed: the next Poll recomputes the deadline
            return TcpError.None;
        }

        /// <summary>Fills <paramref name="info"/> (allocated once by the caller) for slot <paramref name="slot"/>; false when the slot is free.</summary>
        public bool GetConnectionInfo(int slot, TcpConnectionInfo info)
        {
            if (info == null || slot < 0 || slot >= _tcbs.Length || !_tcbs[slot].InUse) return false;
            _tcbs[slot].Describe(info, _if.Ip);
            return true;
        }

        /// <summary>Reads one ARP cache entry into <paramref name="entry"/> (allocated once by the caller). False for an empty entry.</summary>
        public bool GetArpEntry(int index, ArpEntryInfo entry)
        {
            return entry != null && _if.GetArpEntry(index, entry);
        }

        /// <summary>Adds a permanent ARP entry (fixed peers, tests). False for a null or short MAC, or when every entry is already static.</summary>
        public bool AddStaticArpEntry(uint ip, byte[] mac, int offset)
        {
            if (mac == null || offset < 0 || offset > mac.Length - 6 || ip == 0) return false;
            return _if.AddStatic(ip, mac, offset);
        }
    }
}
