# PyInstaller runtime hook (build.spec): python-codicefiscale looks for its data files beside the
# executable when frozen (``dirname(sys.executable)/data``); in our one-folder bundle they are in
# ``_internal/codicefiscale/data``, where the spec collects them. Point the library there.
import os
import sys

import codicefiscale.data as _codicefiscale_data

_codicefiscale_data.get_data_basedir = lambda: os.path.join(sys._MEIPASS, "codicefiscale")
