namespace NanoTcp.Enc28j60.Emulation
{
    /// <summary>
    /// The wire side of the emulated chip: receives every frame the chip puts on the cable, without preamble and
    /// without FCS (a TAP device or an in-memory link expects exactly that).
    /// </summary>
    public interface IEthernetWire
    {
        /// <summary>Called once per frame the chip transmitted successfully (destination MAC … payload incl. padding, no
        /// FCS). The array belongs to the chip and is reused after the call returns: copy what you keep.</summary>
        void Send(byte[] frame, int offset, int length);
    }
}
