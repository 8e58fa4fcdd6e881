"""Documents: facts about the course's PDFs and slide decks, read once and cached.

``pdf.read_pdf`` (pdfplumber) gives pages, text per page and images with their
effective resolution; ``slides.read_deck`` (python-pptx) gives slides, their
texts with the font size each run really has (inherited from the layout and
master where the run says nothing), pictures and the slide size. Both are pure
functions of a file that never raise for a bad one: an empty, encrypted,
corrupt or disguised file is a fact with a status (``sniff``), and reading is
bounded (pages streamed one at a time; ZIP limits before a deck is opened).

``spelling`` checks words against Hunspell dictionaries when any are
installed; ``templates`` makes the form 04 deck and form 03 DOCX that
``moocforge init`` puts into a new course; ``text`` matches what a document
says against the descriptor (case, quotes and line breaks aside) and finds
dates, lecture numbers and labelled values.
"""
