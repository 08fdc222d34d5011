using NanoTcp.Arp;
using NanoTcp.Wire;

namespace NanoTcp
{
    // ARP (RFC 826, RFC 1122 2.3.2): answer requests for our address, learn from packets about us, resolve next
    // hops with rate-limited requests (at most one per address per ArpRequestIntervalMs).
    //
    // Output waiting for resolution (documented policy): SendIpv4 returns Waiting and sends nothing; the caller
    // keeps its data (a TCP connection in its send buffer, the ping in its pending slot) and tries again on a
    // later Poll; the Poll that receives the reply sends it. A pending entry whose retries run out is dropped
    // (its TCP connection retries by RTO, the ping is dropped and counted).
    internal sealed partial class NetworkInterface
    {
        private readonly ArpCache _arp;
        private bool _announced;

        /// <summary>Shown every valid ARP packet (the DHCP client's RFC 5227 conflict detection); null = none.</summary>
        public IArpObserver ArpObserver;

        /// <summary>Number of ARP cache entries.</summary>
        public int ArpCapacity { get { return _arp.Capacity; } }

        /// <summary>Announces our address once after start and after every link-up edge (RFC 5227 §2.3); <paramref name="up"/> is <see cref="IsUp"/>.</summary>
        public void Announce(bool up)
        {
            if (up && _announced) return; // every Poll but the first after a change
            if (!up)
            {
                _announced = false;
                return;
            }
            if (!_announced && _ctx.Config.GratuitousArp && Ip != 0) _announced = SendArp(ArpPacket.OpRequest, null, 0, Ip, Ip);
            else _announced = true;
        }

        /// <summary>ARP input: <paramref name="frame"/>[0..<paramref name="length"/>) is an Ethernet frame of type ARP.</summary>
        public void ProcessArp(byte[] frame, int length)
        {
            const int o = EthernetFrame.HeaderLength;
            if (!ArpPacket.IsValid(frame, o, length - o))
            {
                _ctx.Drop(DropReason.ArpMalformed, frame, 0, length);
                return;
            }
            uint sender = ArpPacket.SenderIp(frame, o);
            int senderMac = o + ArpPacket.SenderMacField;
            if (ArpObserver != null)
                ArpObserver.ObserveArp(ArpPacket.Operation(frame, o), sender, ArpPacket.TargetIp(frame, o), MacAddress.Equal(frame, senderMac, _mac, 0));
            bool forUs = ArpPacket.TargetIp(frame, o) == Ip && Ip != 0;
            int operation = ArpPacket.Operation(frame, o);
            if (sender == 0 || sender == Ip || sender == Ip4.Broadcast || MacAddress.IsBroadcast(frame, senderMac))
            {
                // Probes (sender 0.0.0.0, RFC 5227) and conflicts are not learned; probes for us are still answered.
                if (!(forUs && operation == ArpPacket.OpRequest && sender == 0))
                {
                    _ctx.Drop(DropReason.ArpNotForUs, frame, 0, length);
                    return;
                }
            }
            else
            {
                // RFC 826 merge: update an existing entry from any packet, create one only from packets for us.
                _arp.Update(sender, frame, senderMac, _ctx.Now, forUs);
            }
            _ctx.Counters.ArpReceived++;
            // Reply to the requester's MAC (also for a probe from 0.0.0.0, RFC 5227 §2.1.1).
            if (forUs && operation == ArpPacket.OpRequest) SendArp(ArpPacket.OpReply, frame, senderMac, sender, Ip);
        }

        /// <summary>An ARP probe for <paramref name="target"/>: sender address 0.0.0.0, target MAC zero (RFC 5227 §2.1.1).</summary>
        public bool SendArpProbe(uint target)
        {
            return IsUp && SendArp(ArpPacket.OpRequest, null, 0, target, 0);
        }

        /// <summary>Sends a request (targetMac null: broadcast, target address unknown) or a reply from <paramref name="senderIp"/>; false if the link refused it.</summary>
        private bool SendArp(int operation, byte[] targetMac, int targetMacOffset, uint targetIp, uint senderIp)
        {
            if (operation == ArpPacket.OpRequest) MacAddress.SetBroadcast(Tx, 0);
            else MacAddress.Copy(targetMac, targetMacOffset, Tx, 0);
            MacAddress.Copy(_mac, 0, Tx, EthernetFrame.SourceField);
            NetworkOrder.Write16(Tx, EthernetFrame.EtherTypeField, EthernetFrame.TypeArp);
            ArpPacket.Write(Tx, EthernetFrame.HeaderLength, operation, _mac, 0, senderIp,
                            operation == ArpPacket.OpRequest ? null : targetMac, targetMacOffset, targetIp);
            if (!Transmit(EthernetFrame.HeaderLength + ArpPacket.Length))
            {
                _ctx.Drop(DropReason.LinkTransmitFailed, Tx, 0, EthernetFrame.HeaderLength + ArpPacket.Length);
                return false;
            }
            if (operation == ArpPacket.OpRequest) _ctx.Counters.ArpRequestsSent++;
            else _ctx.Counters.ArpRepliesSent++;
            return true;
        }

        /// <summary>Sends the ARP requests that are due (last in Poll: output above may just have asked for one).</summary>
        public void SendArpRequests(bool up)
        {
            if (!up || !_arp.HasPending) return;
            for (int i = 0; i < _arp.Capacity; i++)
            {
                uint ip = _arp.NextRequest(_ctx.Now);
                if (ip == 0) return;
                SendArp(ArpPacket.OpRequest, null, 0, ip, Ip);
            }
        }

        /// <summary>When the next ARP request is due (long.MaxValue when none is pending or the link is down).</summary>
        public long NextDeadline(bool up)
        {
            return up ? _arp.NextDeadline() : long.MaxValue;
        }

        /// <summary>True while the next hop towards <paramref name="destination"/> is being resolved.</summary>
        public bool IsResolving(uint destination)
        {
            return _arp.IsPending(NextHop(destination));
        }

        /// <summary>True when the next hop towards <paramref name="destination"/> has a usable entry.</summary>
        public bool IsResolved(uint destination)
        {
            return _arp.IsUsable(NextHop(destination), _ctx.Now);
        }

        /// <summary>
        /// A passive open's peer: the SYN's frame says where its next hop is, so the SYN+ACK needs no resolution
        /// round trip. The newest SYN wins (a repeated SYN corrects a misleading first frame); static entries stay.
        /// </summary>
        public void LearnNeighbour(uint source, byte[] frame, int sourceMacOffset)
        {
            uint hop = NextHop(source);
            if (hop != 0) _arp.Update(hop, frame, sourceMacOffset, _ctx.Now, true);
        }

        /// <summary>
        /// RFC 1122 4.2.3.5 / RFC 9293 MUST-20 "negative advice" from a transport that keeps retransmitting: forget
        /// the next hop's (non-static) entry so the next send resolves it again.
        /// </summary>
        public void NegativeAdvice(uint destination)
        {
            _arp.Forget(NextHop(destination));
        }

        /// <summary>Reads one ARP cache entry (for the shell's arp command). False for an empty entry.</summary>
        public bool GetArpEntry(int index, ArpEntryInfo entry)
        {
            return _arp.GetEntry(index, entry);
        }

        /// <summary>Adds a permanent entry; false when every entry is already static.</summary>
        public bool AddStatic(uint ip, byte[] mac, int offset)
        {
            return _arp.AddStatic(ip, mac, offset);
        }
    }
}
