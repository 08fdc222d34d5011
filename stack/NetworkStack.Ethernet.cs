using NanoTcp.Wire;

namespace NanoTcp
{
    // Ethernet II input (RFC 894): accept frames for our MAC or broadcast, dispatch on EtherType.
    public sealed partial class NetworkStack
    {
        private void ProcessEthernet(EthernetFrame frame)
        {
            if (!frame.IsValid)
            {
                Drop(DropReason.EthernetMalformed, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            if (!MacAddress.Equal(frame.Buffer, frame.DestinationOffset, _mac, 0) && !MacAddress.IsBroadcast(frame.Buffer, frame.DestinationOffset))
            {
                Drop(DropReason.EthernetNotForUs, frame.Buffer, frame.Offset, frame.Length);
                return;
            }
            int type = frame.EtherType;
            if (type == EthernetFrame.TypeArp) ProcessArp(frame);
            else if (type == EthernetFrame.TypeIpv4)
            {
                // RFC 1122 3.3.6: a unicast datagram that came as a link-layer broadcast is silently discarded
                // (we accept no IP broadcast or multicast destinations at all).
                if (MacAddress.IsBroadcast(frame.Buffer, frame.DestinationOffset))
                {
                    Drop(DropReason.IpNotForUs, frame.Buffer, frame.Offset, frame.Length);
                    return;
                }
                ProcessIpv4(frame);
            }
            else Drop(DropReason.EthernetUnknownType, frame.Buffer, frame.Offset, frame.Length);
        }
    }
}
