# The bot's image for compose.yaml: the project installed from requirements.lock.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml requirements.lock README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY data/roadmap.json ./data/roadmap.json
RUN pip install --no-cache-dir --constraint requirements.lock . \
    && useradd --system --home /app roadmap
USER roadmap
CMD ["python", "-m", "bot"]
