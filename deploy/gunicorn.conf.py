"""Ustawienia gunicorna dla Asysty — przykład do dostosowania (opis: docs/admin.md).

Uruchamia go jednostka systemd deploy/asysta.service z katalogu projektu:

    .venv/bin/gunicorn asysta.wsgi:application -c deploy/gunicorn.conf.py

Gunicorn słucha tylko na interfejsie lokalnym; nginx (deploy/nginx.conf) obsługuje TLS,
sam wydaje pliki /static/ i przekazuje tu pozostałe żądania.
"""

# Z gunicornem rozmawia wyłącznie nginx na tym samym serwerze.
bind = "127.0.0.1:8001"

# Trzy procesy synchroniczne wystarczają zespołowi jednego ośrodka na małym serwerze
# (2 vCPU, 2–4 GB RAM). Orientacyjnie: 2 × liczba rdzeni + 1. Każdy proces ma własne
# połączenie z bazą danych.
workers = 3
worker_class = "sync"

# Żądanie trwające dłużej zostaje przerwane, a proces uruchomiony od nowa. Wartość musi być
# mniejsza niż proxy_read_timeout w nginx (75 s), żeby nginx pokazał właściwy błąd.
timeout = 60
graceful_timeout = 30
keepalive = 5

# Procesy są co jakiś czas wymieniane, więc ewentualny wyciek pamięci w bibliotece nie rośnie
# bez końca.
max_requests = 1000
max_requests_jitter = 100

# Plik „bicia serca” procesów w pamięci RAM: obciążony dysk nie zatrzyma procesów.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn heartbeat files, not data

# Nagłówkom X-Forwarded-Proto / X-Forwarded-For ufamy tylko od nginx z tego serwera.
forwarded_allow_ips = "127.0.0.1,::1"

# Dzienniki na standardowe wyjście, czyli pod systemd do journald (journalctl -u asysta).
errorlog = "-"
loglevel = "info"
accesslog = "-"
# Dziennik dostępu zapisuje ścieżkę BEZ parametrów zapytania (%(U)s zamiast %(r)s): w filtrze
# listy ktoś może wpisać nazwisko albo PESEL (?q=...). Z tego samego powodu bez nagłówka
# Referer. Adres klienta pochodzi z nagłówka X-Forwarded-For ustawianego przez nginx.
access_log_format = '%({x-forwarded-for}i)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

# Gunicorn od wersji 25.1 domyślnie otwiera gniazdo sterujące w $HOME lub $XDG_RUNTIME_DIR;
# usługa go nie używa, a katalog domowy jest dla niej tylko do odczytu (ProtectHome,
# ProtectSystem). Starsze wersje gunicorna pomijają to nieznane im ustawienie.
control_socket_disable = True


# Po wczytaniu aplikacji proces przenosi wszystko, co powstało przy starcie (moduły, modele,
# ustawienia), do stałej generacji odśmiecacza pamięci Pythona (gc.freeze). Te obiekty żyją do
# końca procesu, a pełne odśmiecanie nie musi ich już za każdym razem przeglądać: duże strony
# nie mają przez to co kilkadziesiąt żądań kilkumilisekundowej przerwy (docs/wydajnosc.md).
def post_worker_init(worker):
    import gc

    gc.freeze()


# Ustawienia Django projektu; cała reszta konfiguracji pochodzi ze zmiennych środowiskowych
# (EnvironmentFile=/etc/asysta/asysta.env w jednostce systemd).
raw_env = ["DJANGO_SETTINGS_MODULE=asysta.settings"]
