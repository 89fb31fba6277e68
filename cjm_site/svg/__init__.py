"""Every drawing of the handbook, written through one SVG writer.

Modules, in the order a drawing flows through them:

- :mod:`.metrics` width tables of the fonts a browser may pick (conservative);
- :mod:`.text` measuring, wrapping and cutting labels;
- :mod:`.style` the sizes of a journey map (:class:`MapStyle`);
- :mod:`.layout` the placed map as frozen values; :mod:`.cards` and
  :mod:`.place` measure and place it;
- :mod:`.geometry` number formatting, the emotion scale and its projection,
  curves and marker shapes; :mod:`.colours` colour tokens and the map's CSS;
- :mod:`.writer` the one SVG writer (svgwrite, ``debug=False``, one escaping path);
- :mod:`.journey` (with :mod:`.pieces` and :mod:`.describe`), :mod:`.sparkline`
  and :mod:`.comparison`: the three drawings.
"""
